/* 依申请公开: checks on the online application form before it is sent, and the copy button
   of the tracking code. Progressive enhancement: without this script the form still works
   (the browser's own checks, both identity parts shown, the server decides).

   - Shows only the identity part of the chosen applicant type; the other is disabled, so it
     is neither checked nor sent.
   - Checks required fields, formats, the resident ID check character (GB 11643, ISO 7064
     MOD 11-2) and the credit code check character (GB 32100) when a field is left and on
     submit; lists the problems in the error summary with links to the fields.
   - Messages come from the form's data-msg-* attributes (translated in the template). */
(function () {
  "use strict";

  var ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  var ID_CHECK = "10X98765432";
  var CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  var CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

  function normalize(value) {
    var text = String(value || "");
    if (text.normalize) { text = text.normalize("NFKC"); }
    return text.replace(/\s+/g, "").toUpperCase();
  }

  function format(template, value) {
    return String(template || "").replace("%s", value);
  }

  /* The message for a resident ID number, or "" when it is valid. */
  function residentIdProblem(number, msgs) {
    if (!/^\d{17}[\dX]$/.test(number)) { return msgs.idFormat; }
    var year = +number.slice(6, 10), month = +number.slice(10, 12), day = +number.slice(12, 14);
    var birth = new Date(year, month - 1, day);
    if (year < 1900 || birth.getFullYear() !== year || birth.getMonth() !== month - 1 ||
        birth.getDate() !== day || birth > new Date()) {
      return msgs.idBirth;
    }
    var total = 0;
    for (var i = 0; i < 17; i++) { total += (+number.charAt(i)) * ID_WEIGHTS[i]; }
    return ID_CHECK.charAt(total % 11) === number.charAt(17) ? "" : msgs.idCheck;
  }

  function creditCodeProblem(code, msgs) {
    if (code.length !== 18) { return format(msgs.creditLength, code.length); }
    var total = 0;
    for (var i = 0; i < 18; i++) {
      if (CREDIT_CHARS.indexOf(code.charAt(i)) < 0) { return msgs.creditChars; }
      if (i < 17) { total += CREDIT_CHARS.indexOf(code.charAt(i)) * CREDIT_WEIGHTS[i]; }
    }
    var check = CREDIT_CHARS.charAt((31 - (total % 31)) % 31);
    return check === code.charAt(17) ? "" : msgs.creditCheck;
  }

  function labelText(form, el) {
    var label = el.id && form.querySelector('label[for="' + el.id + '"]');
    if (el.type === "radio") {
      var group = el.closest("fieldset.choice-group");
      label = group && group.querySelector("legend");
    }
    if (!label) { return ""; }
    var copy = label.cloneNode(true);
    Array.prototype.forEach.call(copy.querySelectorAll(".req, input, fieldset"), function (n) {
      n.parentNode.removeChild(n);
    });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  function errorSlot(form, el) {
    var id = el.type === "radio" ? el.name : el.id;
    if (el.type === "radio") {
      var group = el.closest("fieldset.choice-group");
      id = group ? group.id : id;
    }
    return { slot: document.getElementById(id + "_error"), id: id };
  }

  function setDescribedBy(el, errorId, on) {
    var ids = (el.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
    ids = ids.filter(function (x) { return x !== errorId; });
    if (on) { ids.push(errorId); }
    if (ids.length) { el.setAttribute("aria-describedby", ids.join(" ")); }
    else { el.removeAttribute("aria-describedby"); }
  }

  function showError(form, el, message) {
    var found = errorSlot(form, el);
    var targets = el.type === "radio" ? form.querySelectorAll('input[name="' + el.name + '"]') : [el];
    if (found.slot) { found.slot.textContent = message || ""; }
    Array.prototype.forEach.call(targets, function (t) {
      if (message) { t.setAttribute("aria-invalid", "true"); }
      else { t.removeAttribute("aria-invalid"); }
      if (found.slot && t.type !== "radio") { setDescribedBy(t, found.slot.id, !!message); }
    });
    var box = el.type === "radio" ? el.closest("fieldset.choice-group") : el.closest(".field");
    if (box) {
      box.classList.toggle(el.type === "radio" ? "invalid-group" : "field-invalid", !!message);
      if (el.type === "radio") {
        if (message && found.slot) { box.setAttribute("aria-describedby", found.slot.id); }
        else { box.removeAttribute("aria-describedby"); }
      }
    }
  }

  function problemOf(form, el, msgs) {
    if (el.disabled) { return ""; }
    var v = el.validity;
    if (el.type === "radio") {
      if (el.required && !form.querySelector('input[name="' + el.name + '"]:checked')) {
        return format(msgs.choose, labelText(form, el));
      }
      return "";
    }
    if (v.valueMissing) {
      return format(el.tagName === "SELECT" ? msgs.choose : msgs.required, labelText(form, el));
    }
    var value = normalize(el.value);
    if (el.name === "id_number" && value) {
      var type = form.querySelector('[name="id_type"]');
      if (type && type.value === "resident_id") { return residentIdProblem(value, msgs); }
      return "";
    }
    if (el.name === "credit_code" && value) { return creditCodeProblem(value, msgs); }
    if (el.name === "email" && v.typeMismatch) { return msgs.email; }
    if (el.name === "postcode" && v.patternMismatch) { return msgs.postcode; }
    if (v.tooLong) { return format(msgs.tooLong, labelText(form, el)); }
    if (!v.valid) { return el.validationMessage; }
    return "";
  }

  function fields(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      return /^(INPUT|SELECT|TEXTAREA)$/.test(el.tagName) && el.type !== "hidden" &&
        el.type !== "submit" && !el.closest(".hp-field");
    });
  }

  function validateAll(form, msgs) {
    var problems = [], seen = {};
    fields(form).forEach(function (el) {
      if (el.type === "radio") {
        if (seen[el.name]) { return; }
        seen[el.name] = true;
      }
      var message = problemOf(form, el, msgs);
      showError(form, el, message);
      if (message) { problems.push({ el: el, label: labelText(form, el), message: message }); }
    });
    return problems;
  }

  function showSummary(form, problems, msgs) {
    var summary = document.getElementById("error-summary");
    if (!summary) { return; }
    var list = summary.querySelector("ul");
    list.textContent = "";
    problems.forEach(function (p) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      var target = p.el.type === "radio" ? form.querySelector('input[name="' + p.el.name + '"]') : p.el;
      a.href = "#" + target.id;
      a.textContent = p.message.indexOf(p.label) >= 0 || !p.label ? p.message : p.label + "：" + p.message;
      a.addEventListener("click", function (event) {
        event.preventDefault();
        target.focus();
        target.scrollIntoView({ block: "center" });
      });
      li.appendChild(a);
      list.appendChild(li);
    });
    summary.hidden = problems.length === 0;
    if (problems.length) { summary.focus(); }
  }

  function applyKind(form) {
    var checked = form.querySelector('input[name="applicant_kind"]:checked');
    var natural = !checked || checked.value === "natural";
    Array.prototype.forEach.call(form.querySelectorAll("fieldset[data-kind]"), function (set) {
      var on = (set.getAttribute("data-kind") === "natural") === natural;
      set.hidden = !on;
      set.disabled = !on;
      Array.prototype.forEach.call(set.querySelectorAll("input, select"), function (el) {
        el.required = on;
      });
    });
  }

  function setUpForm(form) {
    // data-msg-id-check="…" → msgs.idCheck
    var msgs = {};
    Object.keys(form.dataset).forEach(function (key) {
      if (key.indexOf("msg") === 0) {
        msgs[key.charAt(3).toLowerCase() + key.slice(4)] = form.dataset[key];
      }
    });
    document.documentElement.classList.add("js");
    form.noValidate = true;
    applyKind(form);
    Array.prototype.forEach.call(form.querySelectorAll('input[name="applicant_kind"]'), function (r) {
      r.addEventListener("change", function () { applyKind(form); });
    });
    fields(form).forEach(function (el) {
      el.addEventListener("change", function () {
        if (el.name === "id_number" || el.name === "credit_code") { el.value = normalize(el.value); }
        if (el.type !== "radio" && (el.value || el.getAttribute("aria-invalid"))) {
          showError(form, el, problemOf(form, el, msgs));
        } else if (el.type === "radio") {
          showError(form, el, "");
        }
      });
    });
    var idType = form.querySelector('[name="id_type"]');
    var idNumber = form.querySelector('[name="id_number"]');
    if (idType && idNumber) {
      idType.addEventListener("change", function () {
        if (idNumber.value) { showError(form, idNumber, problemOf(form, idNumber, msgs)); }
      });
    }
    form.addEventListener("submit", function (event) {
      var problems = validateAll(form, msgs);
      if (problems.length) {
        event.preventDefault();
        showSummary(form, problems, msgs);
        return;
      }
      var button = form.querySelector('button[type="submit"]');
      if (button) { window.setTimeout(function () { button.disabled = true; }, 0); }
    });
    var summary = document.getElementById("error-summary");
    if (summary && !summary.hidden) { summary.focus(); }
  }

  function setUpCopy(button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    if (!source || !navigator.clipboard) { return; }
    var status = button.parentNode.querySelector(".copy-status");
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(source.textContent.trim()).then(function () {
        if (status) { status.textContent = button.getAttribute("data-copied"); }
      });
    });
  }

  function init() {
    var form = document.querySelector("form[data-foi-apply]");
    if (form) { setUpForm(form); }
    Array.prototype.forEach.call(document.querySelectorAll("button[data-copy]"), setUpCopy);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
