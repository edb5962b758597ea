// Fitted's service worker: makes the app work offline after the first visit, and makes
// updates explicit.
//
// Strategy: network first, cache as fallback, for every same-origin GET, so offline every
// asset that was ever loaded (the app, and the engine once used) is served from the cache.
// On install it precaches the app shell: index.html and the assets it references (Trunk
// hashes their names, so they are read from the page, not listed here).
//
// Updates: BUILD is stamped by scripts/build_id.py, so every deployment is a new service
// worker. The first one takes over at once; a later one waits until the page, having shown
// "Update available — reload", sends 'skip-waiting'. Open tabs therefore never switch to a
// new version behind the user's back, and each build's files live in their own cache.
const BUILD = 'dev-build';
const CACHE = `fitted-${BUILD}`;
const SHELL = new URL('./', self.registration.scope).href;

async function precacheShell() {
  const cache = await caches.open(CACHE);
  const res = await fetch(SHELL, { cache: 'no-cache' });
  if (!res.ok) return;
  const html = await res.clone().text();
  await cache.put(SHELL, res);
  const urls = new Set(['manifest.webmanifest', 'icons/icon-192.png', 'icons/icon.svg']);
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
  event.waitUntil((async () => {
    await precacheShell();
    // Nothing to keep consistent on a first install: take over at once.
    if (!self.registration.active) await self.skipWaiting();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
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
