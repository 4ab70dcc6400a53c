// The report PDF buttons: WeasyPrint takes a few seconds, so the button says the report is
// being made and cannot be pressed again until the file has arrived or failed.
// JavaScript fetches the PDF and saves it itself: a plain <a download> gives no event when
// the download starts, so there would be no moment to re-enable the button.
// Without JavaScript the link simply downloads the PDF.
(function () {
  "use strict";
  if (window.regiespiegelReportButtons) {
    return; // the buttons may be included more than once on a page
  }
  window.regiespiegelReportButtons = true;

  var BUSY = "Het rapport wordt gemaakt…";
  var DONE = "Het rapport is gedownload.";
  var FAILED = "Het rapport kon niet worden gemaakt. Probeer het later opnieuw, of bekijk het rapport als webpagina.";

  function filenameOf(response, fallback) {
    var header = response.headers.get("Content-Disposition") || "";
    var match = /filename="([^"]+)"/.exec(header);
    return match ? match[1] : fallback;
  }

  function save(blob, filename) {
    var url = URL.createObjectURL(blob);
    var link = document.createElement("a");
    link.href = url;
    link.download = filename;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    // Revoke later: some browsers read the blob after click() returns.
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("a[data-report-pdf]");
    if (!button || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    if (button.getAttribute("aria-disabled") === "true") {
      return;
    }
    var status = document.getElementById(button.getAttribute("data-report-status"));
    var label = button.textContent;
    button.setAttribute("aria-disabled", "true");
    button.classList.add("disabled");
    button.textContent = BUSY;
    status.textContent = BUSY;
    fetch(button.href, { credentials: "same-origin" })
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (response.ok && response.redirected && type.indexOf("application/pdf") !== 0) {
          // Logged out in the meantime: show the page the server sent us to (the login).
          window.location.assign(response.url);
          return;
        }
        if (!response.ok || type.indexOf("application/pdf") !== 0) {
          throw new Error("no pdf");
        }
        return response.blob().then(function (blob) {
          save(blob, filenameOf(response, "rapport.pdf"));
          status.textContent = DONE;
        });
      })
      .catch(function () {
        status.textContent = FAILED;
      })
      .finally(function () {
        button.textContent = label;
        button.classList.remove("disabled");
        button.removeAttribute("aria-disabled");
      });
  });
})();
