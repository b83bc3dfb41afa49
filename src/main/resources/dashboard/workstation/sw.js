// The workstation's service worker: the page, its scripts and the data it last read stay usable
// without a network. Every GET of this origin goes to the network first and, when that fails,
// is answered from the copy kept the last time it succeeded. Submissions (POST) are never
// answered here: the page's queue keeps them until the log takes them.
const CACHE = "stabilis-workstation-1";

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (e) => e.waitUntil(self.clients.claim()));

/** The page asks, once it is controlled, that what it has loaded be kept. */
self.addEventListener("message", (e) => {
  if (!e.data || !Array.isArray(e.data.cache)) return;
  e.waitUntil(caches.open(CACHE).then(async (cache) => {
    for (const url of e.data.cache) {
      try {
        const r = await fetch(url, { credentials: "same-origin", cache: "no-store" });
        if (await keepable(url, r)) await cache.put(url, r);
      } catch (err) { /* offline already: keep what is there */ }
    }
  }).then(() => e.ports[0] && e.ports[0].postMessage("cached")));
});

/** The sign-in page is not the dashboard: it is never kept in place of it. */
async function keepable(url, r) {
  if (!r.ok) return false;
  if (new URL(url, self.location.href).pathname !== "/") return true;
  return (await r.clone().text()).includes('id="workstation"');
}

self.addEventListener("fetch", (e) => {
  const req = e.request;
  const url = new URL(req.url);
  if (req.method !== "GET" || url.origin !== self.location.origin || url.searchParams.has("token")) return;
  const key = url.pathname === "/" || url.pathname === "/dashboard/pulse" ? url.pathname : req.url;
  e.respondWith((async () => {
    try {
      const r = await fetch(req);
      if (await keepable(key, r)) {
        const cache = await caches.open(CACHE);
        await cache.put(key, r.clone());
      }
      return r;
    } catch (err) {
      const kept = await caches.match(key);
      if (kept) return kept;
      throw err;
    }
  })());
});
