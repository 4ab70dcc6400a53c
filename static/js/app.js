// Progressive enhancement only: every page works without JavaScript.
document.addEventListener("htmx:configRequest", function (event) {
  var token = document.querySelector("input[name=csrfmiddlewaretoken]");
  if (token) {
    event.detail.headers["X-CSRFToken"] = token.value;
  }
});

// Escape hides the theme title shown on hover or focus in the overview's table header (WCAG
// 1.4.13: content on hover or focus can be dismissed without moving the pointer or focus);
// the next hover or focus shows it again.
document.addEventListener("keydown", function (event) {
  if (event.key === "Escape") {
    document.documentElement.classList.add("tips-dismissed");
  }
});
["focusin", "mouseover"].forEach(function (type) {
  document.addEventListener(type, function (event) {
    if (event.target.closest && event.target.closest(".theme-code")) {
      var root = document.documentElement;
      if (type === "focusin" || !event.target.closest(".theme-tip")) {
        root.classList.remove("tips-dismissed");
      }
    }
  });
});
