/* Draws the dashboard's charts with Chart.js from the JSON in #dashboard-data.
   Each chart's numbers are also in the table beside it, so nothing depends on this. */
(function () {
  "use strict";

  var source = document.getElementById("dashboard-data");
  if (!source || typeof window.Chart === "undefined") {
    return;
  }
  var charts = JSON.parse(source.textContent);
  var palette = [
    "#0d6efd", "#20c997", "#fd7e14", "#6f42c1", "#dc3545", "#198754",
    "#0dcaf0", "#ffc107", "#d63384", "#6c757d", "#6610f2", "#adb5bd"
  ];
  var statusColours = ["#198754", "#ffc107", "#dc3545", "#6c757d"];
  var MAX_BARS = 15;
  // Drawn at once: these are figures to read, not to watch.
  window.Chart.defaults.animation = false;

  function topRows(labels, values) {
    // Long breakdowns (countries, fields) show the largest groups and one "other" bar.
    if (labels.length <= MAX_BARS) {
      return { labels: labels, values: values };
    }
    var rest = values.slice(MAX_BARS - 1).reduce(function (a, b) { return a + b; }, 0);
    var otherLabel = document.documentElement.lang === "ko" ? "기타" : "Other";
    return {
      labels: labels.slice(0, MAX_BARS - 1).concat([otherLabel]),
      values: values.slice(0, MAX_BARS - 1).concat([rest])
    };
  }

  charts.forEach(function (spec) {
    var canvas = document.getElementById(spec.id);
    if (!canvas || spec.labels.length === 0) {
      return;
    }
    var config;
    if (spec.type === "doughnut") {
      config = {
        type: "doughnut",
        data: {
          labels: spec.labels,
          datasets: [{ data: spec.values, backgroundColor: statusColours.concat(palette) }]
        },
        options: { maintainAspectRatio: false, plugins: { legend: { position: "right" } } }
      };
    } else if (spec.type === "line") {
      config = {
        type: "bar",
        data: {
          labels: spec.labels,
          datasets: [
            { label: spec.title, data: spec.values, backgroundColor: palette[0], yAxisID: "y" },
            {
              label: spec.extraLabel, data: spec.extra, type: "line",
              borderColor: palette[2], backgroundColor: palette[2], yAxisID: "y1", tension: 0.2
            }
          ]
        },
        options: {
          maintainAspectRatio: false,
          interaction: { mode: "index", intersect: false },
          scales: {
            y: { beginAtZero: true, position: "left" },
            y1: { beginAtZero: true, position: "right", grid: { drawOnChartArea: false } }
          }
        }
      };
    } else {
      var rows = topRows(spec.labels, spec.values);
      config = {
        type: "bar",
        data: {
          labels: rows.labels,
          datasets: [{ label: spec.title, data: rows.values, backgroundColor: palette[0] }]
        },
        options: {
          maintainAspectRatio: false,
          indexAxis: rows.labels.length > 6 ? "y" : "x",
          plugins: { legend: { display: false } },
          scales: { x: { beginAtZero: true }, y: { beginAtZero: true } }
        }
      };
    }
    new window.Chart(canvas, config);
  });
})();
