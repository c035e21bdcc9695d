// The dashboard's charts: a progressive enhancement over the tables, which hold every figure.
// Reads the figures from the page's JSON block; Chart.js is loaded before this (both deferred).
/* global Chart */
(function () {
  'use strict';
  var block = document.getElementById('figures');
  if (!block || typeof Chart === 'undefined') return;
  var figures = JSON.parse(block.textContent);
  document.documentElement.classList.add('js');

  var BLUE = '#0a56a5';
  var BAND = 'rgba(10, 86, 165, 0.16)';
  var GREY = '#6b7280';
  var GREEN = '#1a7f37';
  var TEXT = '#1b1f24';
  var pct = function (share) { return Math.round(share * 100) + '%'; };
  var range = function (interval) { return interval ? pct(interval[0]) + '–' + pct(interval[1]) : 'no interval'; };
  var DAY = 86400000;
  var time = function (date) { return Date.parse(date.length === 10 ? date + 'T00:00:00Z' : date); };
  var shortDay = function (ms) { return new Date(ms).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' }); };
  // The y axis starts at 0% (no exaggerated slopes) and ends a step above the highest figure.
  var ceiling = function (shares) {
    var highest = Math.max.apply(null, shares.filter(function (share) { return typeof share === 'number'; }).concat([0.2]));
    return Math.min(100, Math.ceil((highest * 100 + 5) / 10) * 10);
  };
  var highs = function (point) { return point ? [point.value, point.interval && point.interval[1]] : []; };

  Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
  Chart.defaults.font.size = 13;
  Chart.defaults.color = TEXT;
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;

  // Error bars: a whisker from low to high over each bar whose dataset carries `intervals`.
  var whiskers = {
    id: 'whiskers',
    afterDatasetsDraw: function (chart) {
      var ctx = chart.ctx;
      var y = chart.scales.y;
      chart.data.datasets.forEach(function (dataset, index) {
        if (!dataset.intervals || !chart.isDatasetVisible(index)) return;
        chart.getDatasetMeta(index).data.forEach(function (bar, at) {
          var interval = dataset.intervals[at];
          if (!interval) return;
          var low = y.getPixelForValue(interval[0] * 100);
          var high = y.getPixelForValue(interval[1] * 100);
          var cap = Math.min(bar.width / 4, 6);
          ctx.save();
          ctx.strokeStyle = TEXT;
          ctx.lineWidth = 1.5;
          ctx.beginPath();
          ctx.moveTo(bar.x, low); ctx.lineTo(bar.x, high);
          ctx.moveTo(bar.x - cap, low); ctx.lineTo(bar.x + cap, low);
          ctx.moveTo(bar.x - cap, high); ctx.lineTo(bar.x + cap, high);
          ctx.stroke();
          ctx.restore();
        });
      });
    },
  };

  function valuesChart(canvas) {
    var rows = figures.values;
    var series = function (key) { return rows.map(function (row) { return row[key] ? row[key].value * 100 : null; }); };
    var intervals = function (key) { return rows.map(function (row) { return row[key] ? row[key].interval : null; }); };
    return new Chart(canvas, {
      type: 'bar',
      plugins: [whiskers],
      data: {
        labels: rows.map(function (row) { return row.label; }),
        datasets: [
          { label: 'Baseline', data: series('baseline'), intervals: intervals('baseline'), backgroundColor: '#9aa3ae', source: 'baseline' },
          { label: 'Current', data: series('current'), intervals: intervals('current'), backgroundColor: BLUE, source: 'current' },
          { label: 'Target', data: rows.map(function (row) { return row.target === null ? null : row.target * 100; }), backgroundColor: 'rgba(26, 127, 55, 0.18)', borderColor: GREEN, borderWidth: 2 },
        ],
      },
      options: {
        scales: {
          x: { ticks: { maxRotation: 0, autoSkip: false } },
          y: {
            min: 0,
            max: ceiling(rows.reduce(function (all, row) { return all.concat(highs(row.baseline), highs(row.current), [row.target]); }, [])),
            ticks: { callback: function (value) { return value + '%'; } },
          },
        },
        plugins: {
          legend: { position: 'bottom' },
          tooltip: {
            callbacks: {
              label: function (item) {
                var row = rows[item.dataIndex][item.dataset.source];
                if (!item.dataset.source) return 'Target ' + Math.round(item.parsed.y) + '%';
                if (!row) return item.dataset.label + ': hidden or no answers';
                var rate = row.responseRate === null ? '' : ', ' + pct(row.responseRate) + ' response rate';
                return item.dataset.label + ' ' + pct(row.value) + ' (' + range(row.interval) + '; ' + row.n + ' respondents' + rate + ')';
              },
            },
          },
        },
      },
    });
  }

  function trendChart(canvas) {
    var trend = figures.trend;
    var pts = trend.points.map(function (p) { return { x: time(p.date), y: p.value === null ? null : p.value * 100, interval: p.interval }; });
    var first = pts[0].x;
    var last = pts[pts.length - 1].x;
    var projected = trend.projection.onTrack && trend.projection.date ? time(trend.projection.date) : null;
    // Show where the projection meets the target, but not a far-off year that would squash the rounds.
    var end = Math.max(last + 7 * DAY, projected !== null ? Math.min(projected, last + 365 * DAY) : 0);
    var flat = function (value) { return [{ x: first, y: value * 100 }, { x: end, y: value * 100 }]; };
    var datasets = [
      { label: 'band high', data: pts.map(function (p) { return { x: p.x, y: p.interval ? p.interval[1] * 100 : null }; }), borderWidth: 0, pointRadius: 0, fill: false, backgroundColor: BAND },
      { label: '95% band', data: pts.map(function (p) { return { x: p.x, y: p.interval ? p.interval[0] * 100 : null }; }), borderWidth: 0, pointRadius: 0, fill: '-1', backgroundColor: BAND },
      { label: 'Index per round', data: pts, borderColor: BLUE, backgroundColor: BLUE, pointRadius: 3, borderWidth: 2 },
    ];
    if (trend.target !== null) datasets.push({ label: 'Target', data: flat(trend.target), borderColor: GREEN, borderWidth: 2, borderDash: [6, 4], pointRadius: 0 });
    if (trend.baseline !== null) datasets.push({ label: 'Baseline', data: flat(trend.baseline), borderColor: GREY, borderWidth: 2, borderDash: [2, 3], pointRadius: 0 });
    if (trend.fit) {
      var fitted = [{ x: time(trend.fit.from), y: trend.fit.atFrom * 100 }, { x: time(trend.fit.to), y: trend.fit.atTo * 100 }];
      if (projected !== null && trend.target !== null && projected > time(trend.fit.to)) fitted.push({ x: Math.min(projected, end), y: trend.target * 100 });
      datasets.push({ label: projected !== null ? 'Fitted trend and projection' : 'Fitted trend', data: fitted, borderColor: '#084785', borderWidth: 1.5, borderDash: [3, 3], pointRadius: 0 });
    }
    return new Chart(canvas, {
      type: 'line',
      data: { datasets: datasets },
      options: {
        parsing: true,
        spanGaps: false,
        scales: {
          x: { type: 'linear', min: first - 3 * DAY, max: end, ticks: { maxTicksLimit: 8, callback: function (value) { return shortDay(value); } } },
          y: {
            min: 0,
            max: ceiling(trend.points.reduce(function (all, p) { return all.concat([p.value, p.interval && p.interval[1]]); }, [trend.target, trend.baseline])),
            ticks: { callback: function (value) { return value + '%'; } },
          },
        },
        plugins: {
          legend: { position: 'bottom', labels: { filter: function (item) { return item.text !== 'band high'; } } },
          tooltip: {
            filter: function (item) { return item.datasetIndex === 2; },
            callbacks: {
              title: function (items) { return shortDay(items[0].parsed.x); },
              label: function (item) { var p = pts[item.dataIndex]; return 'Index ' + Math.round(p.y) + '% (' + range(p.interval) + ')'; },
            },
          },
        },
      },
    });
  }

  var values = document.getElementById('values-chart');
  if (values) valuesChart(values);
  var trendCanvas = document.getElementById('trend-chart');
  if (trendCanvas && figures.trend.points.length > 0) trendChart(trendCanvas);
})();
