// The dashboard's map and charts. Data comes from the same API a client would use, signed in by
// the session cookie; the map draws no tiles, only the land, the Strip and the zones from data.
(function () {
  "use strict";
  var STATUS = { "verified": "#1a7f37", "in-progress": "#9a6700", "unverified": "#57606a", "suspended": "#cf222e" };
  var CATEGORY = { "rearmament-indicator": "#8250df", "ceasefire-violation": "#cf222e", "uxo": "#bc4c00",
    "humanitarian-access": "#0969da", "other": "#24292f" };
  var map, zoneLayer, incidentLayer, nodeLayer, traceLayer;

  // Everything below that comes from the log is set as text, never parsed as HTML: Leaflet puts a
  // string tooltip in innerHTML, so tooltips get a DOM text node instead.
  function text(s) { return document.createTextNode(String(s)); }

  /** The message `key` in the reader's language (i18n.js); a value without a label shows as it is. */
  function tr(key, params) { return window.stabilisI18n ? window.stabilisI18n.t(key, params) : key; }
  /** A tooltip of text, written again by `retitle` when the reader changes the language. */
  function tooltip(layer, words) { layer.stabilisWords = words; layer.bindTooltip(text(words())); }
  function retitle() {
    [zoneLayer, incidentLayer, nodeLayer, traceLayer].forEach(function (g) {
      if (g) g.eachLayer(function (l) { if (l.stabilisWords) l.setTooltipContent(text(l.stabilisWords())); });
    });
  }
  function label(prefix, v) { return window.stabilisI18n && window.stabilisI18n.has(prefix + v) ? tr(prefix + v) : v; }

  /** A class-name-safe token for a value from the log (it picks a colour, nothing more). */
  function token(s) { return String(s).toLowerCase().replace(/[^a-z0-9-]/g, ""); }

  function getJson(url) {
    return fetch(url, { credentials: "same-origin", cache: "no-store" }).then(function (r) {
      if (r.status === 404) return null;
      if (!r.ok) throw new Error(url + ": " + r.status);
      return r.json();
    });
  }

  function showZone(id) {
    htmx.ajax("GET", "/dashboard/zone/" + encodeURIComponent(id), { target: "#zone-detail", swap: "innerHTML" });
  }

  function drawZones() {
    return getJson("/api/v1/zones?limit=1000").then(function (fc) {
      if (zoneLayer) zoneLayer.remove();
      zoneLayer = L.geoJSON(fc, {
        style: function (f) {
          var c = STATUS[f.properties.status] || "#57606a";
          return { color: "#24292f", weight: 1, fillColor: c, fillOpacity: 0.55 };
        },
        onEachFeature: function (f, layer) {
          tooltip(layer, function () { return f.properties.name + ": " + label("status.", f.properties.status); });
          layer.on("click", function () { showZone(f.id); });
          layer.on("add", function () {
            var el = layer.getElement && layer.getElement();
            if (el) { el.setAttribute("data-zone", f.id); el.setAttribute("data-status", f.properties.status); }
          });
        }
      }).addTo(map);
      zoneLayer.bringToBack();
    });
  }

  function drawIncidents() {
    return getJson("/api/v1/incidents?format=geojson&limit=1000").then(function (fc) {
      if (incidentLayer) incidentLayer.remove();
      incidentLayer = L.geoJSON(fc, {
        // A concealed location comes with a null geometry (SPEC §2.10): listed, not drawn.
        filter: function (f) { return f.geometry !== null; },
        pointToLayer: function (f, latlng) {
          return L.circleMarker(latlng, { radius: 5 + f.properties.severity, color: "#ffffff", weight: 2,
            fillColor: CATEGORY[f.properties.category] || "#24292f", fillOpacity: 0.95, className: "incident" });
        },
        onEachFeature: function (f, layer) {
          tooltip(layer, function () {
            return tr("dash.map.incident-tip", { id: f.id, category: label("value.", f.properties.category), severity: f.properties.severity });
          });
          layer.on("add", function () {
            var el = layer.getElement();
            if (el) { el.setAttribute("data-incident", f.id); el.setAttribute("data-category", f.properties.category); }
          });
        }
      }).addTo(map);
      document.getElementById("leaflet").setAttribute("data-incidents", fc.features.length);
    });
  }

  function drawNodes() {
    return getJson("/api/v1/materials/nodes?limit=1000").then(function (body) {
      if (!body) return;
      if (nodeLayer) nodeLayer.remove();
      nodeLayer = L.layerGroup(body.nodes.map(function (n) {
        var m = L.marker([n.location[1], n.location[0]], {
          icon: L.divIcon({ className: "node-icon node-" + token(n.kind), html: n.kind === "crossing" ? "▲" : "■", iconSize: [18, 18] }),
          title: n.name + " (" + label("value.", n.kind) + ")", alt: n.name, keyboard: true
        });
        tooltip(m, function () { return n.name + " (" + label("value.", n.kind) + ")"; });
        m.on("add", function () {
          var el = m.getElement();
          if (el) el.setAttribute("data-node", n.id);
        });
        return m;
      })).addTo(map);
    });
  }

  /** A holder's map position [lat, lon] by id: nodes, and projects whose location this reader may read. */
  function positions() {
    // A reader who may not list projects still sees the paths between nodes.
    var projects = getJson("/api/v1/projects?limit=1000").catch(function () { return null; });
    return Promise.all([getJson("/api/v1/materials/nodes?limit=1000"), projects])
      .then(function (r) {
        var at = {};
        (r[0] ? r[0].nodes : []).forEach(function (n) { at[n.id] = [n.location[1], n.location[0]]; });
        // A concealed location comes as {"concealed": true} (SPEC §2.10): that project is not placed.
        (r[1] ? r[1].projects : []).forEach(function (p) {
          if (Array.isArray(p.location)) at[p.id] = [p.location[1], p.location[0]];
        });
        return at;
      });
  }

  /**
   * The diversion trace (SPEC §5): for each traced find, the consignment's path from its crossing
   * through each transfer after it, one dashed line per trace, ending at the project it was meant for.
   */
  function drawTraces() {
    return Promise.all([getJson("/api/v1/trace?limit=1000"), positions()]).then(function (r) {
      var body = r[0], at = r[1];
      if (traceLayer) traceLayer.remove();
      if (!body) return;
      var drawn = 0;
      traceLayer = L.layerGroup(body.traces.map(function (t) {
        var legs = [], names = [];
        function leg(from, to) {
          if (names.length === 0) names.push(from);
          names.push(to);
          if (at[from] && at[to]) legs.push([at[from], at[to]]);
        }
        if (t.entry) leg(t.entry.from, t.entry.to);
        t.movements.forEach(function (m) { if (m.kind === "transferred") leg(m.from, m.to); });
        if (legs.length === 0) return null;
        drawn++;
        var line = L.polyline(legs, { color: "#8250df", weight: 3, dashArray: "6 4", className: "trace" });
        tooltip(line, function () {
          return tr("dash.map.trace-tip", { find: t.find, consignment: t.consignment, item: t.item,
            path: names.join(" → "), project: t.meant_for === null ? tr("dash.trace.no-project") : t.meant_for });
        });
        line.on("add", function () {
          var el = line.getElement();
          if (el) {
            el.setAttribute("data-trace", t.find + "/" + t.consignment);
            if (t.meant_for !== null) el.setAttribute("data-meant-for", t.meant_for);
          }
        });
        return line;
      }).filter(function (l) { return l !== null; })).addTo(map);
      document.getElementById("leaflet").setAttribute("data-traces", drawn);
    });
  }

  function initMap() {
    var el = document.getElementById("leaflet");
    if (!el || typeof L === "undefined") return;
    map = L.map(el, { zoomSnap: 0.25, attributionControl: false });
    // The land and the Strip's outline from OpenStreetMap data shipped with the page (mapping.js).
    var basemap = window.stabilisBasemap ? window.stabilisBasemap(map).then(function (b) { map.fitBounds(b, { padding: [8, 8] }); })
      : Promise.reject(new Error("the basemap script did not load"));
    Promise.all([basemap, drawZones(), drawIncidents(), drawNodes(), drawTraces()]).then(function () {
      el.setAttribute("data-ready", "true");
    }).catch(function (e) { el.setAttribute("data-error", String(e)); });
  }

  function refreshMap() {
    if (!map) return;
    Promise.all([drawZones(), drawIncidents(), drawNodes(), drawTraces()]).then(function () {
      document.getElementById("leaflet").setAttribute("data-refreshed", Date.now());
    });
  }

  function drawCharts(root) {
    if (typeof Chart === "undefined") return;
    (root || document).querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var d = JSON.parse(canvas.getAttribute("data-chart"));
      var old = Chart.getChart(canvas);
      if (old) old.destroy();
      new Chart(canvas, {
        type: "bar",
        data: { labels: d.labels, datasets: [
          { label: tr("dash.chart.assigned"), data: d.assigned, backgroundColor: "#1a7f37" },
          { label: tr("dash.chart.uncovered"), data: d.uncovered, backgroundColor: "#cf222e" }] },
        options: { animation: false, responsive: true, maintainAspectRatio: false,
          locale: window.stabilisI18n ? window.stabilisI18n.language() : "en",
          plugins: { legend: { rtl: document.documentElement.dir === "rtl" } },
          scales: { x: { stacked: true, reverse: document.documentElement.dir === "rtl" }, y: { stacked: true, beginAtZero: true, position: document.documentElement.dir === "rtl" ? "right" : "left", ticks: { precision: 0 } } } }
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    initMap();
    drawCharts(document);
    document.body.addEventListener("logchanged", refreshMap);
    // A new language redraws the chart's legend and writes the map's tooltips again.
    document.addEventListener("stabilis:language", function () { drawCharts(document); retitle(); });
    document.body.addEventListener("htmx:afterSwap", function (e) { drawCharts(e.detail.target.parentNode || document); });
    document.body.addEventListener("htmx:afterSettle", function (e) {
      if (e.detail.target && e.detail.target.id === "zone-detail") {
        var h = document.getElementById("zone-detail-h");
        if (h) h.focus();
      }
    });
    document.body.addEventListener("change", function (e) {
      if (e.target && e.target.id === "wi-change") document.getElementById("what-if").setAttribute("data-change", e.target.value);
    });
  });
})();
