// 互动交流: a new captcha picture without reloading the page (the form keeps what was typed).
(function () {
  "use strict";
  document.querySelectorAll("[data-captcha-refresh]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var row = button.closest(".captcha-row");
      fetch(button.getAttribute("data-captcha-refresh"), {
        headers: { "X-Requested-With": "XMLHttpRequest" },
        credentials: "same-origin",
      })
        .then(function (response) { return response.json(); })
        .then(function (data) {
          row.querySelector("img").src = data.image_url;
          row.querySelector("input[type=hidden]").value = data.key;
          var input = row.querySelector("input[type=text]");
          input.value = "";
          input.focus();
        });
    });
  });
})();
