// Draw every <canvas data-chart> with the vendored Chart.js; no inline script anywhere (CSP).
(function () {
  "use strict";
  var palette = ["#0b6e4f", "#c8553d", "#2d7dd2", "#f2a541", "#6c4f9c", "#1b998b", "#8a8a8a"];
  function draw(canvas) {
    if (canvas.dataset.drawn || typeof Chart === "undefined") { return; }
    var spec = JSON.parse(canvas.dataset.chart);
    var datasets = spec.series.map(function (s, i) {
      var color = s.color || palette[i % palette.length];
      var type = s.type || spec.type;
      // A line of sparse points (monthly follower snapshots on a daily axis) is joined across
      // the missing days and its points drawn, or it would not show at all.
      var known = s.data.filter(function (v) { return v !== null; }).length;
      return { label: s.label, data: s.data, borderColor: color, backgroundColor: color,
               type: type, yAxisID: s.axis || "y", borderWidth: 2, spanGaps: type === "line",
               pointRadius: type === "line" && known < s.data.length / 2 ? 3 : 0 };
    });
    var scales = { x: { ticks: { maxTicksLimit: 12 } }, y: { beginAtZero: spec.type === "bar" } };
    if (spec.series.some(function (s) { return s.axis === "y2"; })) {
      scales.y2 = { position: "right", grid: { drawOnChartArea: false } };
    }
    new Chart(canvas, { type: spec.type || "line", data: { labels: spec.labels, datasets: datasets },
      options: { animation: false, responsive: true, maintainAspectRatio: false,
                 interaction: { mode: "index", intersect: false }, scales: scales,
                 plugins: { legend: { display: datasets.length > 1 } } } });
    canvas.dataset.drawn = "1";
  }
  function drawAll(root) { (root || document).querySelectorAll("canvas[data-chart]").forEach(draw); }
  document.addEventListener("DOMContentLoaded", function () { drawAll(document); });
  document.addEventListener("htmx:afterSwap", function (e) { drawAll(e.target); });
  // "Select all" boxes for bulk actions.
  document.addEventListener("change", function (e) {
    var box = e.target;
    if (box.matches && box.matches("input[data-select-all]")) {
      document.querySelectorAll("input[name='" + box.dataset.selectAll + "']").forEach(function (b) { b.checked = box.checked; });
    }
  });
})();
