// Moved out of the page: the Content-Security-Policy allows no inline script.
(function () {
  var data = JSON.parse(document.getElementById("chart-data").textContent);
  var palette = ["#9b1c1c", "#2f6db5", "#e0a800", "#2e8b57", "#7b5ea7", "#d9534f", "#17a2b8", "#6c757d"];
  document.querySelectorAll("[data-bar]").forEach(function (el) {
    var b = data.bars[parseInt(el.dataset.bar, 10)];
    var chart = echarts.init(el);
    chart.setOption({
      color: palette,
      title: { text: b.label + (b.unit ? "（" + b.unit + "）" : ""), textStyle: { fontSize: 13 }, left: "center" },
      tooltip: { trigger: "axis" },
      grid: { left: 40, right: 10, top: 36, bottom: data.names.length > 3 ? 60 : 36 },
      xAxis: { type: "category", data: data.names, axisLabel: { interval: 0, fontSize: 10, rotate: data.names.length > 3 ? 30 : 0, width: 80, overflow: "break" } },
      yAxis: { type: "value" },
      series: [{ type: "bar", data: b.values.map(function (v, i) { return { value: v, itemStyle: { color: palette[i % palette.length] } }; }), label: { show: true, position: "top", fontSize: 10 } }]
    });
    window.addEventListener("resize", function () { chart.resize(); });
  });
  var radarEl = document.getElementById("radar");
  if (radarEl && data.radar.indicators.length) {
    var radar = echarts.init(radarEl);
    radar.setOption({
      color: palette,
      tooltip: {},
      legend: { bottom: 0, data: data.radar.series.map(function (s) { return s.name; }) },
      radar: { indicator: data.radar.indicators, radius: "65%", axisName: { fontSize: 11 } },
      series: [{ type: "radar", data: data.radar.series, areaStyle: { opacity: 0.08 } }]
    });
    window.addEventListener("resize", function () { radar.resize(); });
  }
})();
