/* Progressive enhancement only: every page works without this file. */
(function () {
  "use strict";
  // The language switcher changes language as soon as a language is chosen; its button is
  // for readers without JavaScript.
  document.querySelectorAll("form[data-autosubmit]").forEach(function (form) {
    form.querySelector("select").addEventListener("change", function () {
      form.submit();
    });
  });

  // Copy buttons: data-copy-target (an element's text or value) or data-copy-text (the value).
  document.querySelectorAll("[data-copy-target], [data-copy-text]").forEach(function (button) {
    var targetId = button.getAttribute("data-copy-target");
    var target = targetId ? document.getElementById(targetId) : null;
    if ((targetId && !target) || !navigator.clipboard) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = target ? target.value || target.textContent : button.getAttribute("data-copy-text");
      navigator.clipboard.writeText(text).then(function () {
        var status = document.getElementById(button.getAttribute("data-copy-status"));
        if (status) {
          status.textContent = button.getAttribute("data-copied-text");
        }
      });
    });
  });

  // Disclosures that are open on wide screens (the menu, the search page's facets) and
  // folded on small ones; the style sheet does the same where ::details-content is supported.
  var wide = window.matchMedia("(min-width: 60rem)");
  var folding = document.querySelectorAll("details[data-wide-open]");
  function unfoldOnWideScreens() {
    folding.forEach(function (details) {
      if (wide.matches) {
        details.open = true;
      } else if (!details.hasAttribute("data-touched")) {
        details.open = false;
      }
    });
  }
  folding.forEach(function (details) {
    details.querySelector("summary").addEventListener("click", function () {
      details.setAttribute("data-touched", "");
    });
  });
  unfoldOnWideScreens();
  wide.addEventListener("change", unfoldOnWideScreens);

  // Search facets apply on change. The page says so before the first change, and the control
  // that was changed has the focus again once the new results are shown.
  var FOCUS_KEY = "gfmd-facet-focus";
  var form = document.querySelector("form.search-form");
  if (form) {
    var facets = form.querySelector(".facets");
    if (facets) {
      facets.querySelectorAll(".autosubmit-note").forEach(function (note) {
        note.hidden = false;
      });
      facets.querySelectorAll(".apply-filters").forEach(function (button) {
        button.hidden = true;
      });
      facets.addEventListener("change", function (event) {
        var control = event.target;
        if (control.type === "number" && !control.checkValidity()) {
          return;
        }
        try {
          sessionStorage.setItem(FOCUS_KEY, control.id);
        } catch (error) {
          // Storage refused (private mode): the filters still apply, focus starts at the top.
        }
        form.requestSubmit ? form.requestSubmit() : form.submit();
      });
    }
    var focusId = null;
    try {
      focusId = sessionStorage.getItem(FOCUS_KEY);
      sessionStorage.removeItem(FOCUS_KEY);
    } catch (error) {
      focusId = null;
    }
    var again = focusId && document.getElementById(focusId);
    if (again) {
      var refine = again.closest("details.refine");
      if (refine) {
        refine.open = true;
        refine.setAttribute("data-touched", "");
      }
      var folded = again.closest(".facet details");
      if (folded) {
        folded.open = true;
      }
      again.focus();
    }
  }
})();
