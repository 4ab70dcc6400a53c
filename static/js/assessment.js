// Save-as-you-go on the theme pages (progressive enhancement: without JavaScript the form
// still saves with "Opslaan" and "Volgende").
//
// htmx does not swap 4xx answers by default. The save endpoint answers a refusal (400),
// an item that does not apply (404) or a conflicting change by someone else (409) with a
// short Dutch message meant for the item's status region, so show those too.
(function () {
  "use strict";

  function isStatusTarget(target) {
    return target && target.classList && target.classList.contains("save-status");
  }

  document.addEventListener("htmx:beforeSwap", function (event) {
    var status = event.detail.xhr.status;
    if ((status === 400 || status === 404 || status === 409) && isStatusTarget(event.detail.target)) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  function reportFailure(event, text) {
    var elt = event.detail.elt;
    var selector = elt && elt.getAttribute("data-hx-target");
    var target = selector ? document.querySelector(selector) : null;
    if (isStatusTarget(target)) {
      target.textContent = text;
      target.classList.add("text-danger");
    }
  }

  document.addEventListener("htmx:sendError", function (event) {
    reportFailure(event, "Niet opgeslagen: geen verbinding. Klik op ‘Opslaan’ om het opnieuw te proberen.");
  });

  document.addEventListener("htmx:responseError", function (event) {
    var status = event.detail.xhr.status;
    if (status !== 400 && status !== 404 && status !== 409) {
      reportFailure(event, "Niet opgeslagen door een fout (" + status + "). Klik op ‘Opslaan’ om het opnieuw te proberen.");
    }
  });

  document.addEventListener("htmx:beforeRequest", function (event) {
    var selector = event.detail.elt && event.detail.elt.getAttribute("data-hx-target");
    var target = selector ? document.querySelector(selector) : null;
    if (isStatusTarget(target)) {
      target.classList.remove("text-danger");
    }
  });

  // Choosing n.v.t. asks for the reason next, so the cursor moves to the explanation. Only
  // for a deliberate choice (a click, a tap or Space): moving through the scale with the
  // arrow keys passes n.v.t. without jumping away from the options.
  var ARROWS = ["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight"];
  var lastKey = "";
  document.addEventListener("keydown", function (event) { lastKey = event.key; }, true);
  document.addEventListener("pointerdown", function () { lastKey = ""; }, true);
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches(".answer-item input[type=radio][value=nvt]")) {
      return;
    }
    if (!input.checked || ARROWS.indexOf(lastKey) !== -1) {
      return;
    }
    var item = input.closest(".answer-item");
    var explanation = item && item.querySelector(".explanation textarea");
    if (explanation && !explanation.value.trim()) {
      // After the click has finished: a click on the label focuses the option last.
      window.setTimeout(function () { explanation.focus(); }, 0);
    }
  });
})();
