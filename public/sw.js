// Fitted's service worker: makes the app work offline after the first visit.
//
// Strategy: network first, cache as fallback, for every same-origin GET. Network first
// means a new deployment is picked up on the next load without a "skip waiting" dance,
// and offline every asset that was ever loaded (the app, and the engine once used) is
// served from the cache. On install it precaches the app shell: index.html and the assets
// it references (Trunk hashes their names, so they are read from the page, not listed here).
const CACHE = 'fitted-v1';
const SHELL = new URL('./', self.registration.scope).href;

async function precacheShell() {
  const cache = await caches.open(CACHE);
  const res = await fetch(SHELL, { cache: 'no-cache' });
  if (!res.ok) return;
  const html = await res.clone().text();
  await cache.put(SHELL, res);
  const urls = new Set(['manifest.webmanifest', 'worker-boot.js', 'icons/icon-192.png', 'icons/icon.svg']);
  for (const m of html.matchAll(/(?:href|src)="([^"#]+)"/g)) urls.add(m[1]);
  await Promise.all([...urls].map(async (u) => {
    const url = new URL(u, SHELL);
    if (url.origin !== location.origin) return;
    try {
      const r = await fetch(url, { cache: 'no-cache' });
      if (r.ok) await cache.put(url, r);
    } catch { /* offline during install: cached at first use instead */ }
  }));
}

self.addEventListener('install', (event) => {
  event.waitUntil(precacheShell().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    try {
      const res = await fetch(req);
      if (res.ok) await cache.put(req, res.clone());
      return res;
    } catch (err) {
      const hit = await cache.match(req);
      if (hit) return hit;
      // Any in-app path (deep link) is the app shell.
      if (req.mode === 'navigate') {
        const shell = await cache.match(SHELL);
        if (shell) return shell;
      }
      throw err;
    }
  })());
});
