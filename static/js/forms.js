/* The practice forms' progressive enhancements; every form works without this file.
 * - the error summary takes the focus, so a screen reader reads what to correct first;
 * - a live counter under each field with a limit (data-limit), announced politely;
 * - a text box that filters long lists of checkboxes (.filterable);
 * - a warning before leaving a page whose form has unsaved changes. */
(function () {
  "use strict";

  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }

  function fill(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (match, name) {
      return values[name] !== undefined ? values[name] : match;
    });
  }

  document.querySelectorAll("form[data-counter-text]").forEach(function (form) {
    form.querySelectorAll("[data-limit]").forEach(function (field) {
      var limit = parseInt(field.getAttribute("data-limit"), 10);
      var counter = document.createElement("p");
      counter.className = "char-count";
      counter.id = field.id + "_count";
      counter.setAttribute("aria-live", "polite");
      field.insertAdjacentElement("afterend", counter);
      var described = field.getAttribute("aria-describedby");
      field.setAttribute("aria-describedby", (described ? described + " " : "") + counter.id);
      function update() {
        var count = field.value.length;
        var over = count - limit;
        var values = {
          count: count.toLocaleString(),
          limit: limit.toLocaleString(),
          over: over.toLocaleString()
        };
        var template = over > 0 ? form.getAttribute("data-over-text") : form.getAttribute("data-counter-text");
        counter.textContent = fill(template, values);
        counter.classList.toggle("over-limit", over > 0);
      }
      field.addEventListener("input", update);
      update();
    });
  });

  document.querySelectorAll(".filterable").forEach(function (wrapper) {
    var options = wrapper.querySelectorAll("input[type=checkbox]");
    var list = options.length ? options[0].closest("fieldset > div") : null;
    if (!list) {
      return;
    }
    var input = document.createElement("input");
    input.type = "search";
    input.className = "list-filter";
    input.setAttribute("aria-label", wrapper.getAttribute("data-filter-label"));
    input.setAttribute("placeholder", wrapper.getAttribute("data-filter-label"));
    list.insertAdjacentElement("beforebegin", input);
    input.addEventListener("input", function () {
      var words = input.value.toLocaleLowerCase().trim();
      options.forEach(function (option) {
        var row = option.closest("div");
        var label = row.textContent.toLocaleLowerCase();
        // Chosen items stay visible, so a filter never hides what is selected.
        row.hidden = words !== "" && label.indexOf(words) === -1 && !option.checked;
      });
    });
    // Enter in the filter box must not submit the form.
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
      }
    });
  });

  document.querySelectorAll("form[data-unsaved-warning]").forEach(function (form) {
    var dirty = false;
    form.addEventListener("input", function (event) {
      if (!event.target.classList.contains("list-filter")) {
        dirty = true;
      }
    });
    form.addEventListener("change", function (event) {
      if (!event.target.classList.contains("list-filter")) {
        dirty = true;
      }
    });
    form.addEventListener("submit", function () {
      dirty = false;
    });
    window.addEventListener("beforeunload", function (event) {
      if (dirty) {
        event.preventDefault();
        event.returnValue = form.getAttribute("data-unsaved-warning");
        return event.returnValue;
      }
    });
  });
})();
