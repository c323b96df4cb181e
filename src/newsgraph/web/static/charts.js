// Draws the charts (uPlot) and the actor graph (Cytoscape) from JSON blocks in the page.
// Data arrive in <script type="application/json"> elements written with Jinja's tojson,
// and are only ever drawn on canvas or set as text: nothing here builds HTML.
(function () {
  "use strict";
  var COLORS = ["#1f5fa8", "#c2410c", "#1f6f5c", "#7a3e9d", "#a15c12", "#0e7490", "#b91c1c", "#4d7c0f", "#6b7280"];

  function readJSON(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  function drawChart(el) {
    var data = readJSON(el.getAttribute("data-chart"));
    if (!data || !data.x || data.x.length === 0 || typeof uPlot === "undefined") {
      el.textContent = "No dated data to chart.";
      el.className += " muted";
      return;
    }
    var kind = el.getAttribute("data-kind");
    var bars = kind === "bars" && uPlot.paths && uPlot.paths.bars ? uPlot.paths.bars({ size: [0.7, 40] }) : null;
    var series = [{}];
    data.series.forEach(function (s, i) {
      var c = COLORS[i % COLORS.length];
      var opts = { label: s.label, stroke: c, width: 1.5 };
      if (kind === "points") {
        opts.paths = function () { return null; };
        opts.points = { show: true, size: 8, fill: c, stroke: c };
      } else if (bars) {
        opts.paths = bars;
        opts.fill = c + "cc";
        opts.points = { show: false };
      }
      series.push(opts);
    });
    var columns = [data.x].concat(data.series.map(function (s) { return s.values; }));
    var width = Math.max(el.clientWidth, 280);
    var opts = {
      width: width, height: 220, series: series,
      scales: { x: { time: true } },
      axes: [{ stroke: "#66707a", grid: { stroke: "#eef1f4" } },
             { stroke: "#66707a", grid: { stroke: "#eef1f4" }, size: 60 }],
      legend: { show: data.series.length > 1 || kind === "points", live: false },
      cursor: { points: { size: 8 } }
    };
    if (bars) {
      opts.scales.y = { range: function (u, min, max) { return [0, Math.max(1, max) * 1.1]; } };
    }
    if (data.integer) {
      opts.axes[1].incrs = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000];
    }
    if (data.months) {
      // one tick per month (every k-th when there are many), labelled "Jun 2025"
      var fmt = uPlot.fmtDate("{MMM} {YYYY}");
      var step = Math.ceil(data.x.length / 12);
      opts.axes[0].splits = function () { return data.x.filter(function (_, i) { return i % step === 0; }); };
      opts.axes[0].values = function (u, splits) { return splits.map(function (s) { return fmt(new Date(s * 1000)); }); };
      opts.scales.x.range = function () { return [data.x[0] - 15 * 86400, data.x[data.x.length - 1] + 15 * 86400]; };
    }
    if (bars && data.series.length > 1) { opts.bands = []; }
    new uPlot(opts, columns, el);
  }

  function drawGraph(el) {
    var data = readJSON(el.getAttribute("data-graph"));
    if (!data || data.nodes.length < 2 || typeof cytoscape === "undefined") {
      el.textContent = "No co-mentioned entities to draw.";
      el.className += " muted";
      return;
    }
    var maxW = Math.max.apply(null, data.nodes.map(function (n) { return n.weight; }).concat([1]));
    var color = { PERSON: "#7a3e9d", ORG: "#1f6f5c", GPE: "#a15c12", LOC: "#a15c12" };
    // ego at the centre, the others on a ring; only the strongest links between
    // the others are drawn, or a dense neighbourhood becomes a solid disc
    var egoId = data.nodes.filter(function (n) { return n.ego; }).map(function (n) { return n.id; })[0];
    var spokes = data.edges.filter(function (e) { return e.source === egoId || e.target === egoId; });
    var others = data.edges.filter(function (e) { return e.source !== egoId && e.target !== egoId; })
      .sort(function (a, b) { return b.weight - a.weight; }).slice(0, data.nodes.length);
    var maxE = Math.max.apply(null, data.edges.map(function (e) { return e.weight; }).concat([1]));
    var elements = data.nodes.map(function (n) {
      return { data: { id: n.id, label: n.label, ego: n.ego ? 1 : 0, size: 14 + 26 * Math.sqrt(n.weight / maxW),
                       color: n.ego ? "#17212b" : (color[n.type] || "#4c5966") } };
    }).concat(spokes.concat(others).map(function (e, i) {
      return { data: { id: "e" + i, source: e.source, target: e.target,
                       w: 1 + 5 * e.weight / maxE, spoke: (e.source === egoId || e.target === egoId) ? 1 : 0 } };
    }));
    var cy = cytoscape({
      container: el, elements: elements,
      layout: { name: "concentric", concentric: function (n) { return n.data("ego") ? 2 : 1; },
                levelWidth: function () { return 1; }, minNodeSpacing: 30, animate: false },
      style: [
        { selector: "node", style: { "background-color": "data(color)", width: "data(size)", height: "data(size)",
          label: "data(label)", "font-size": 11, color: "#1d2329", "text-valign": "bottom", "text-margin-y": 3,
          "text-outline-color": "#fff", "text-outline-width": 2 } },
        { selector: "edge", style: { width: "data(w)", "line-color": "#9fb3c8", opacity: 0.55 } },
        { selector: "edge[spoke = 0]", style: { "line-color": "#d5dce3", opacity: 0.8, width: 1 } }
      ]
    });
    cy.on("tap", "node", function (evt) {
      window.location.href = "/entities/" + encodeURIComponent(evt.target.id());
    });
  }

  document.querySelectorAll("[data-chart]").forEach(drawChart);
  document.querySelectorAll("[data-graph]").forEach(drawGraph);
})();
