// Structure statistics charts: data comes from {{ charts|json_script:"stats-data" }} on the page.
(function () {
  "use strict";
  var source = document.getElementById("stats-data");
  if (!source) return;
  var data = JSON.parse(source.textContent);
  var pies = {by_gender: 1, by_ethnicity: 1, by_category: 1};
  var charts = [];
  document.querySelectorAll(".stats-chart").forEach(function (el) {
    var d = data[el.dataset.dim];
    if (!d || !window.echarts) { el.remove(); return; }
    var chart = echarts.init(el, null, {renderer: "svg"});
    var option;
    if (pies[el.dataset.dim]) {
      option = {tooltip: {trigger: "item"}, legend: {bottom: 0},
        series: [{type: "pie", radius: ["35%", "65%"], top: -20, label: {formatter: "{b} {c}"},
          data: d.labels.map(function (l, i) { return {name: l, value: d.values[i]}; })
            .filter(function (x) { return x.value > 0; })}]};
    } else {
      option = {tooltip: {}, grid: {left: 8, right: 16, top: 8, bottom: 8, containLabel: true},
        xAxis: {type: "value", minInterval: 1}, yAxis: {type: "category", data: d.labels, inverse: true},
        series: [{type: "bar", data: d.values, itemStyle: {color: "#c0392b"}, label: {show: true, position: "right"}}]};
    }
    chart.setOption(option);
    charts.push(chart);
  });
  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
})();
