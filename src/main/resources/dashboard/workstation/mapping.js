// Maps without internet access: the land around the mission area and the Strip's outline, from
// OpenStreetMap data clipped at build time (vendor/basemap.geojson), and the zones from the log.
// Also the pickers of the forms: a point, or a polygon drawn vertex by vertex.
const BASEMAP = new URL("./vendor/basemap.geojson", import.meta.url).href;
let basemap;

export function loadBasemap() {
  basemap ??= fetch(BASEMAP).then((r) => r.json());
  return basemap;
}

/** Draws the land and the Strip on `map`; resolves to the Strip's bounds. */
export async function drawBasemap(map) {
  const fc = await loadBasemap();
  let strip;
  // Its own pane under the overlays, so that zones and incidents always draw above the land.
  if (!map.getPane("basemap")) map.createPane("basemap").style.zIndex = 250;
  L.geoJSON(fc, {
    pane: "basemap",
    interactive: false,
    style: (f) => f.properties.strip
      ? { color: "#24292f", weight: 2, fillColor: "#f6f1e7", fillOpacity: 1 }
      : { color: "#8c959f", weight: 1, fillColor: "#eaeef2", fillOpacity: 1 },
    onEachFeature: (f, layer) => { if (f.properties.strip) strip = layer; },
  }).addTo(map);
  map.getContainer().style.background = "#cfe3f3"; // the sea
  map.attributionControl?.addAttribution(fc.attribution.replace(/[<>&]/g, ""));
  return strip.getBounds();
}
window.stabilisBasemap = drawBasemap;

function baseMap(el, label) {
  const map = L.map(el, { zoomSnap: 0.25, attributionControl: true, keyboard: true });
  map.attributionControl.setPrefix(false);
  el.setAttribute("aria-label", label);
  let strip;
  const fit = () => { map.invalidateSize(); if (strip) map.fitBounds(strip, { padding: [4, 4] }); };
  drawBasemap(map).then((b) => { strip = b; fit(); });
  // The form lays itself out after the map is made: fit the Strip again whenever the box changes.
  new ResizeObserver(fit).observe(el);
  fetch("/api/v1/zones", { credentials: "same-origin" }).then((r) => (r.ok ? r.json() : null)).then((fc) => {
    if (!fc) return;
    L.geoJSON(fc, { interactive: false, style: () => ({ color: "#57606a", weight: 1, fillOpacity: 0.08, dashArray: "3 3" }) }).addTo(map);
  }).catch(() => {});
  return map;
}

const round = (x) => Math.round(x * 1e6) / 1e6;

/** A point picked by a click (or typed in the two fields beside the map); onPick([lon, lat]). */
export function pointPicker(el, label, onPick) {
  const map = baseMap(el, label);
  let marker;
  const put = (lon, lat) => {
    marker ??= L.circleMarker([lat, lon], { radius: 7, color: "#0b5394", weight: 3, fillOpacity: 0.6 }).addTo(map);
    marker.setLatLng([lat, lon]);
  };
  map.on("click", (e) => {
    const p = [round(e.latlng.lng), round(e.latlng.lat)];
    put(p[0], p[1]);
    onPick(p);
  });
  return { show: (p) => (Array.isArray(p) && p.length === 2 ? put(p[0], p[1]) : null), map };
}

/** A polygon drawn by clicks, one vertex each; onChange(ring) with the ring closed (RFC 7946 §3.1.6). */
export function polygonPicker(el, label, onChange) {
  const map = baseMap(el, label);
  const vertices = [];
  const shape = L.polygon([], { color: "#0b5394", weight: 2, fillOpacity: 0.2 }).addTo(map);
  const redraw = () => {
    shape.setLatLngs(vertices.map(([lon, lat]) => [lat, lon]));
    if (vertices.length < 3) return onChange(null);
    // RFC 7946 §3.1.6: an exterior ring is counterclockwise (positive shoelace area).
    let area = 0;
    for (let i = 0; i < vertices.length; i++) {
      const [x1, y1] = vertices[i], [x2, y2] = vertices[(i + 1) % vertices.length];
      area += x1 * y2 - x2 * y1;
    }
    const ring = area < 0 ? [...vertices].reverse() : [...vertices];
    onChange([...ring, ring[0]]);
  };
  map.on("click", (e) => { vertices.push([round(e.latlng.lng), round(e.latlng.lat)]); redraw(); });
  return { undo: () => { vertices.pop(); redraw(); }, clear: () => { vertices.length = 0; redraw(); }, map };
}
