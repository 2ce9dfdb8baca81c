// The roster's selection checkboxes and bulk-action fields. The table is replaced by
// HTMX when the search or filters change, so everything is delegated from document.
(function () {
  "use strict";

  function selectedBoxes() {
    return document.querySelectorAll("input.roster-select:checked");
  }

  function updateCount() {
    var label = document.getElementById("bulk-selected-count");
    if (!label) return;
    var n = selectedBoxes().length;
    label.textContent = n ? label.dataset.template.replace("__n__", n) : "";
  }

  function showBulkFields() {
    var action = document.getElementById("bulk-action");
    if (!action) return;
    document.querySelectorAll("[data-bulk-for]").forEach(function (el) {
      el.hidden = el.dataset.bulkFor !== action.value;
    });
  }

  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.id === "select-all") {
      document.querySelectorAll("input.roster-select").forEach(function (box) {
        box.checked = target.checked;
      });
    }
    if (target.id === "bulk-action") showBulkFields();
    if (target.id === "select-all" || target.classList.contains("roster-select")) updateCount();
  });

  // Keep the pushed URL short and shareable: leave out the filters that are not set.
  // (htmx 2 passes the parameters as a proxy over FormData that supports delete.)
  document.addEventListener("htmx:configRequest", function (event) {
    if (!event.detail.elt || event.detail.elt.id !== "roster-filter") return;
    var params = event.detail.parameters;
    Object.keys(params).forEach(function (name) {
      var value = params[name];
      if (value === "" || (Array.isArray(value) && value.length === 0)) delete params[name];
    });
  });

  document.addEventListener("DOMContentLoaded", showBulkFields);
  document.addEventListener("htmx:afterSwap", function () {
    showBulkFields();
    updateCount();
  });
})();
