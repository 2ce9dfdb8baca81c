// Charts on a conference's staff overview. Data comes from the page (json_script).
(function () {
  "use strict";
  var source = document.getElementById("conference-chart-data");
  if (!source || typeof Chart === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var perDay = document.getElementById("chart-per-day");
  if (perDay) {
    new Chart(perDay, {
      type: "bar",
      data: {
        labels: data.per_day.labels,
        datasets: [{ label: data.words.registrations, data: data.per_day.values }]
      },
      options: { maintainAspectRatio: false, plugins: { legend: { display: false } } }
    });
  }
  var categories = document.getElementById("chart-categories");
  if (categories) {
    new Chart(categories, {
      type: "bar",
      data: {
        labels: data.categories.labels,
        datasets: [
          { label: data.words.confirmed, data: data.categories.confirmed },
          { label: data.words.waiting, data: data.categories.waiting },
          { label: data.words.attended, data: data.categories.attended }
        ]
      },
      options: { maintainAspectRatio: false, indexAxis: "y" }
    });
  }
})();
