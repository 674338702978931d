// The hall figures page's two charts (ECharts, served from static/vendor): tickets and
// appointments per day, and the busiest hours (tickets per day in each hour).
(() => {
  const source = document.getElementById("hall-figures");
  if (!source || !window.echarts) return;
  const data = JSON.parse(source.textContent);

  const daysEl = document.getElementById("chart-days");
  echarts.init(daysEl).setOption({
    tooltip: { trigger: "axis" },
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 32, bottom: 28 },
    xAxis: { type: "category", data: data.days.map((d) => d.day.slice(5)) },
    yAxis: { type: "value", minInterval: 1 },
    series: [
      { name: daysEl.dataset.tickets, type: "bar", data: data.days.map((d) => d.tickets), itemStyle: { color: "#0b4f9c" } },
      { name: daysEl.dataset.appointments, type: "line", data: data.days.map((d) => d.appointments), itemStyle: { color: "#198754" } },
    ],
  });

  const hoursEl = document.getElementById("chart-hours");
  const busiest = new Set(data.busiest_hours);
  echarts.init(hoursEl).setOption({
    tooltip: { trigger: "axis" },
    grid: { left: 40, right: 16, top: 16, bottom: 28 },
    xAxis: { type: "category", data: data.hours.map((h) => `${h.hour}:00`) },
    yAxis: { type: "value" },
    series: [
      {
        name: hoursEl.dataset.label,
        type: "bar",
        data: data.hours.map((h) => ({
          value: h.tickets_per_day,
          itemStyle: { color: busiest.has(h.hour) ? "#dc3545" : "#6c8ebf" },
        })),
      },
    ],
  });
  window.addEventListener("resize", () => {
    echarts.getInstanceByDom(daysEl).resize();
    echarts.getInstanceByDom(hoursEl).resize();
  });
})();
