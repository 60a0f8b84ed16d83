// Draws every chart the page declares (reports/_charts.html): one script for every chart, naming none.
// Each chart's numbers come in a JSON block beside it; a bar or slice with a link opens its records.
(function () {
  "use strict";
  var palette = ["#9b1c1c", "#2f6db5", "#e0a800", "#2e8b57", "#7b5ea7", "#d9534f", "#17a2b8", "#6c757d"];

  function axisOption(spec, horizontal) {
    var many = spec.categories.length > 6;
    var cat = { type: "category", data: spec.categories, axisLabel: { interval: 0, fontSize: 10, rotate: !horizontal && many ? 30 : 0, width: 90, overflow: "truncate" } };
    var val = { type: "value", name: spec.unit || "", minInterval: 1 };
    if (horizontal) { cat.inverse = true; }
    return {
      color: palette,
      tooltip: { trigger: "axis" },
      legend: spec.series.length > 1 ? { bottom: 0, type: "scroll" } : undefined,
      grid: { left: horizontal ? 110 : 40, right: 16, top: 28, bottom: (many && !horizontal ? 60 : 28) + (spec.series.length > 1 ? 24 : 0), containLabel: !horizontal },
      xAxis: horizontal ? val : cat,
      yAxis: horizontal ? cat : val,
      series: spec.series.map(function (s) {
        return { name: s.name, type: spec.kind === "line" ? "line" : "bar", data: s.values, smooth: spec.kind === "line", barMaxWidth: 28, label: { show: spec.series.length === 1 && spec.categories.length <= 12, position: horizontal ? "right" : "top", fontSize: 10 } };
      })
    };
  }

  function pieOption(spec) {
    var s = spec.series[0];
    return {
      color: palette,
      tooltip: { trigger: "item", formatter: "{b}：{c}（{d}%）" },
      legend: { bottom: 0, type: "scroll" },
      series: [{ type: "pie", radius: ["35%", "65%"], center: ["50%", "45%"], data: spec.categories.map(function (c, i) { return { name: c, value: s.values[i] }; }), label: { formatter: "{b}\n{c}", fontSize: 10 } }]
    };
  }

  function radarOption(spec) {
    return {
      color: palette,
      tooltip: {},
      legend: spec.series.length > 1 ? { bottom: 0 } : undefined,
      radar: { indicator: spec.categories.map(function (c, i) { return { name: c, max: spec.max[i] || undefined }; }), radius: "62%", axisName: { fontSize: 10 } },
      series: [{ type: "radar", areaStyle: { opacity: 0.12 }, data: spec.series.map(function (s) { return { name: s.name, value: s.values }; }) }]
    };
  }

  function draw(el) {
    var source = document.getElementById(el.dataset.chart);
    if (!window.echarts || !source) { return; }
    var spec = JSON.parse(source.textContent);
    var option = spec.kind === "pie" ? pieOption(spec) : spec.kind === "radar" ? radarOption(spec) : axisOption(spec, spec.kind === "hbar");
    var chart = echarts.init(el);
    chart.setOption(option);
    if (spec.links && spec.links.some(function (u) { return u; })) {
      el.classList.add("lz-chart-linked");
      chart.on("click", function (p) {
        var url = spec.links[p.dataIndex];
        if (url) { window.location.href = url; }
      });
    }
    el.dataset.rendered = "1";
    window.addEventListener("resize", function () { chart.resize(); });
  }

  document.querySelectorAll("[data-chart]").forEach(draw);
})();
