// Moved out of the page: the Content-Security-Policy allows no inline script.
(function () {
  var el = document.getElementById("topics-chart");
  if (!window.echarts || !el) { return; }
  var series = JSON.parse(document.getElementById("topics-series").textContent);
  var years = JSON.parse(document.getElementById("topics-years").textContent);
  echarts.init(el).setOption({
    tooltip: {trigger: "axis"}, legend: {type: "scroll"},
    xAxis: {type: "category", data: years.map(String)}, yAxis: {type: "value", name: "件数"},
    series: series.map(function (s) { return {name: s.name, type: "bar", data: s.data}; })
  });
})();
