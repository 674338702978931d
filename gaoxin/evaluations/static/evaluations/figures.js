// The rating figures page's three charts (ECharts, served from static/vendor) and its period
// filter: custom dates show only with "custom", another period shows at once.
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

  function percent(v) {
    return v == null ? "—" : v + "%";
  }

  function charts() {
    var source = document.getElementById("figures-chart");
    if (!source || !window.echarts) return;
    var data = JSON.parse(source.textContent);

    var trend = echarts.init(document.getElementById("chart-trend"));
    var series = data.counts.map(function (s) {
      return { name: s.name, type: "bar", stack: "ratings", data: s.data, itemStyle: { color: s.colour } };
    });
    series.push({
      name: data.rate.name, type: "line", yAxisIndex: 1, data: data.rate.data,
      connectNulls: true, itemStyle: { color: "#0b4f9c" }, tooltip: { valueFormatter: percent },
    });
    series.push({
      name: data.coverage.name, type: "line", yAxisIndex: 1, data: data.coverage.data,
      connectNulls: true, lineStyle: { type: "dashed" }, itemStyle: { color: "#6f42c1" },
      tooltip: { valueFormatter: percent },
    });
    trend.setOption({
      animation: false,
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { top: 4 },
      grid: { left: 44, right: 52, top: 44, bottom: 28 },
      xAxis: { type: "category", data: data.buckets },
      yAxis: [
        { type: "value", minInterval: 1 },
        { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" }, splitLine: { show: false } },
      ],
      series: series,
    });

    var levels = echarts.init(document.getElementById("chart-levels"));
    levels.setOption({
      animation: false,
      tooltip: { trigger: "item", formatter: "{b}: {c} ({d}%)" },
      legend: { bottom: 0, itemWidth: 14, itemGap: 8, textStyle: { fontSize: 11 } },
      series: [{
        type: "pie", radius: ["36%", "60%"], center: ["50%", "42%"],
        label: { formatter: "{c}" },
        data: data.levels.map(function (l) {
          return { name: l.name, value: l.value, itemStyle: { color: l.colour } };
        }),
      }],
    });

    var departments = echarts.init(document.getElementById("chart-departments"));
    departments.setOption({
      animation: false,
      tooltip: { trigger: "axis", valueFormatter: percent },
      legend: { top: 4 },
      grid: { left: 44, right: 16, top: 40, bottom: 60 },
      xAxis: {
        type: "category", data: data.departments,
        axisLabel: { interval: 0, rotate: data.departments.length > 6 ? 30 : 0 },
      },
      yAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } },
      series: data.rates.map(function (s, i) {
        return {
          name: s.name, type: "bar", data: s.data, barMaxWidth: 48,
          itemStyle: { color: ["#198754", "#20c997", "#6f42c1"][i] },
        };
      }),
    });

    window.addEventListener("resize", function () {
      trend.resize();
      levels.resize();
      departments.resize();
    });
    document.body.dataset.chartsReady = "true";
  }

  document.addEventListener("DOMContentLoaded", function () {
    customDates();
    charts();
  });
})();
