// The statistics page's two charts (ECharts, served from static/vendor) and its period filter.
(function () {
  "use strict";

  function customDates() {
    var period = document.querySelector("[data-period]");
    if (!period) return;
    var toggle = function () {
      document.querySelectorAll("[data-custom]").forEach(function (el) {
        el.hidden = period.value !== "custom";
      });
    };
    period.addEventListener("change", function () {
      toggle();
      if (period.value !== "custom") period.form.submit();
    });
    toggle();
  }

  function charts() {
    var source = document.getElementById("stats-chart");
    if (!source || !window.echarts) return;
    var data = JSON.parse(source.textContent);
    var colours = ["#198754", "#dc3545", "#6c757d", "#b58100"];
    var outcomes = echarts.init(document.getElementById("chart-outcomes"));
    outcomes.setOption({
      animation: false,
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { top: 4 },
      grid: { left: 40, right: 16, top: 40, bottom: 28 },
      xAxis: { type: "category", data: data.buckets },
      yAxis: { type: "value", minInterval: 1 },
      series: data.outcomes.map(function (s, i) {
        return { name: s.name, type: "bar", stack: "outcome", data: s.data, itemStyle: { color: colours[i] } };
      }),
    });
    var rates = echarts.init(document.getElementById("chart-rates"));
    rates.setOption({
      animation: false,
      tooltip: { trigger: "axis", valueFormatter: function (v) { return v == null ? "—" : v + "%"; } },
      legend: { top: 4 },
      grid: { left: 44, right: 16, top: 40, bottom: 60 },
      xAxis: { type: "category", data: data.departments, axisLabel: { interval: 0, rotate: data.departments.length > 6 ? 30 : 0 } },
      yAxis: { type: "value", axisLabel: { formatter: "{value}%" } },
      series: data.rates.map(function (s, i) {
        return { name: s.name, type: "bar", data: s.data, itemStyle: { color: ["#0b4f9c", "#20c997"][i] } };
      }),
    });
    window.addEventListener("resize", function () {
      outcomes.resize();
      rates.resize();
    });
    document.body.dataset.chartsReady = "true";
  }

  document.addEventListener("DOMContentLoaded", function () {
    customDates();
    charts();
  });
})();
