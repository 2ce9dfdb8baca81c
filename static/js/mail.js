/* Campaign progress bars: widths from data attributes (the CSP forbids inline styles). */
(function () {
  "use strict";
  function applyWidths(root) {
    root.querySelectorAll("[data-progress-width]").forEach(function (element) {
      element.style.width = element.getAttribute("data-progress-width") + "%";
    });
  }
  document.addEventListener("DOMContentLoaded", function () { applyWidths(document); });
  document.addEventListener("htmx:afterSettle", function () { applyWidths(document); });
})();
