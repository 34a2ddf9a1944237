/*
 * The offline app shell shared by the phone entries' service workers (/door/sw.js, /inspect/sw.js), which import
 * this file and call offlineShell() with their scope. Hand-written and small on purpose:
 * - on install it stores the app shell: the entry page and every script and style that page names (the hashed
 *   /assets/ files of this build), plus the entry's own extras (manifest, icons);
 * - pages under the scope are fetched from the network first and fall back to the stored shell (so a reload with no
 *   network still opens the app, which then shows what it keeps on the phone: the door's list and queue, the
 *   inspector's visits, drafts and queue);
 * - /assets/* files never change under one name, so the stored copy is used first;
 * - /api/* is never touched: the app decides itself what to do without a network.
 */
// biome-ignore lint/correctness/noUnusedVariables: called by the service workers that import this file
function offlineShell({ cacheName, scope, extras }) {
  const CACHE = cacheName;
  const prefix = cacheName.replace(/v\d+$/, '');

  async function storeShell() {
    const cache = await caches.open(CACHE);
    const res = await fetch(scope, { cache: 'no-store' });
    if (!res.ok) throw new Error(`${scope} answered ${res.status}`);
    const html = await res.clone().text();
    await cache.put(scope, res);
    const assets = new Set();
    for (const m of html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)) assets.add(m[1]);
    await cache.addAll([...extras, ...assets]);
  }

  self.addEventListener('install', (event) => {
    event.waitUntil(storeShell().then(() => self.skipWaiting()));
  });

  self.addEventListener('activate', (event) => {
    event.waitUntil(
      caches
        .keys()
        .then((keys) =>
          Promise.all(keys.filter((k) => k.startsWith(prefix) && k !== CACHE).map((k) => caches.delete(k))),
        )
        .then(() => self.clients.claim()),
    );
  });

  async function networkFirstShell(request) {
    const cache = await caches.open(CACHE);
    try {
      const res = await fetch(request);
      if (res.ok) {
        await cache.put(scope, res.clone());
        // A new build names new assets: store them now, while the network is here.
        const html = await res.clone().text();
        const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
        cache.addAll(assets).catch(() => {});
      }
      return res;
    } catch {
      const cached = await cache.match(scope);
      return cached ?? Response.error();
    }
  }

  async function cacheFirst(request) {
    const cache = await caches.open(CACHE);
    const hit = await cache.match(request);
    if (hit) return hit;
    const res = await fetch(request);
    if (res.ok) cache.put(request, res.clone()).catch(() => {});
    return res;
  }

  async function staleWhileRevalidate(request) {
    const cache = await caches.open(CACHE);
    const hit = await cache.match(request);
    const fresh = fetch(request)
      .then((res) => {
        if (res.ok) cache.put(request, res.clone()).catch(() => {});
        return res;
      })
      .catch(() => hit ?? Response.error());
    return hit ?? fresh;
  }

  self.addEventListener('fetch', (event) => {
    const request = event.request;
    if (request.method !== 'GET') return;
    const url = new URL(request.url);
    if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
    if (request.mode === 'navigate' || url.pathname === scope || url.pathname === `${scope}index.html`) {
      event.respondWith(networkFirstShell(request));
    } else if (url.pathname.startsWith('/assets/')) {
      event.respondWith(cacheFirst(request));
    } else if (url.pathname.startsWith(scope)) {
      event.respondWith(staleWhileRevalidate(request));
    }
  });
}
