// Out of the page: the Content-Security-Policy runs no inline script.
(function(){var el=document.getElementById('budget-chart');if(!window.echarts||!el){return;}var d=JSON.parse(document.getElementById('budget-data').textContent);
var c=echarts.init(el);c.setOption({tooltip:{trigger:'axis'},legend:{data:['预算数','累计支出','执行率']},grid:{left:60,right:50,bottom:90},
xAxis:{type:'category',data:d.map(function(r){return r.department;}),axisLabel:{rotate:40,fontSize:10}},
yAxis:[{type:'value',name:'万元'},{type:'value',name:'%',max:150}],
series:[{name:'预算数',type:'bar',data:d.map(function(r){return r.amount;})},{name:'累计支出',type:'bar',data:d.map(function(r){return r.executed;})},{name:'执行率',type:'line',yAxisIndex:1,data:d.map(function(r){return r.rate;})}]});})();
