/* Progressive enhancement only: every page works without this file. */
(function () {
  "use strict";
  // The language switcher changes language as soon as a language is chosen; its button is
  // for readers without JavaScript.
  document.querySelectorAll("form[data-autosubmit]").forEach(function (form) {
    var button = form.querySelector("button[type=submit]");
    if (button) {
      button.hidden = true;
    }
    form.querySelector("select").addEventListener("change", function () {
      form.submit();
    });
  });
  document.querySelectorAll("[data-copy-target]").forEach(function (button) {
    var target = document.getElementById(button.getAttribute("data-copy-target"));
    if (!target || !navigator.clipboard) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(target.value || target.textContent).then(function () {
        var status = document.getElementById(button.getAttribute("data-copy-status"));
        if (status) {
          status.textContent = button.getAttribute("data-copied-text");
        }
      });
    });
  });
})();
