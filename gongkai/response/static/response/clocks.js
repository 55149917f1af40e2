/* 回应关切: counts down the remaining time of the clocks shown on the page, without reloading.
   Progressive enhancement: the server already wrote the remaining time; this only keeps it
   current. Every running clock carries its due time in data-due (ISO 8601); the words come
   from the data-* attributes of #clock-messages (translated in the template). */
(function () {
  "use strict";

  var box = document.getElementById("clock-messages");
  if (!box) { return; }
  var msg = box.dataset;

  function fill(template, values) {
    return String(template || "").replace(/%\((\w+)\)s/g, function (_m, key) {
      return values[key];
    });
  }

  function duration(ms) {
    var minutes = Math.floor(Math.abs(ms) / 60000);
    var hours = Math.floor(minutes / 60);
    minutes = minutes % 60;
    if (hours >= 48) {
      return fill(msg.days, { days: Math.floor(hours / 24), hours: hours % 24 });
    }
    if (hours) {
      return fill(msg.hours, { hours: hours, minutes: (minutes < 10 ? "0" : "") + minutes });
    }
    return fill(msg.minutes, { minutes: minutes });
  }

  function tick() {
    var now = Date.now();
    var clocks = document.querySelectorAll("[data-due]");
    for (var i = 0; i < clocks.length; i++) {
      var clock = clocks[i];
      var due = Date.parse(clock.getAttribute("data-due"));
      var left = clock.querySelector(".clock-left");
      if (isNaN(due) || !left) { continue; }
      var diff = due - now;
      var over = diff < 0;
      left.textContent = fill(over ? msg.over : msg.left, { time: duration(diff) });
      clock.classList.toggle("clock-overdue", over);
      clock.classList.toggle("clock-running", !over);
      var row = clock.closest("tr");
      if (row && over) { row.classList.add("row-overdue"); }
    }
  }

  tick();
  window.setInterval(tick, 30000);
})();
