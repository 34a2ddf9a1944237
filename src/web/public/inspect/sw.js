/*
 * The inspector's phone form's service worker (scope /inspect/), a copy of the door's (public/door/sw.js). Hand-written and small on purpose:
 * - on install it stores the app shell: /inspect/ and every script and style that page names (the hashed /assets/
 *   files of this build), the manifest and the icons;
 * - pages under /inspect/ are fetched from the network first and fall back to the stored shell (so a reload with no
 *   network still opens the app, which then shows the visits, drafts and queue kept on the phone);
 * - /assets/* files never change under one name, so the stored copy is used first;
 * - /api/* is never touched: the app decides itself what to do without a network.
 */
const CACHE = 'tuoguan-inspect-v1';
const SHELL = ['/inspect/', '/door/icon.svg'];

async function storeShell() {
  const cache = await caches.open(CACHE);
  const res = await fetch('/inspect/', { cache: 'no-store' });
  if (!res.ok) throw new Error(`/inspect/ answered ${res.status}`);
  const html = await res.clone().text();
  await cache.put('/inspect/', res);
  const assets = new Set();
  for (const m of html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)) assets.add(m[1]);
  await cache.addAll([...SHELL.slice(1), ...assets]);
}

self.addEventListener('install', (event) => {
  event.waitUntil(storeShell().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(keys.filter((k) => k.startsWith('tuoguan-inspect-') && k !== CACHE).map((k) => caches.delete(k))),
      )
      .then(() => self.clients.claim()),
  );
});

async function networkFirstShell(request) {
  const cache = await caches.open(CACHE);
  try {
    const res = await fetch(request);
    if (res.ok) {
      await cache.put('/inspect/', res.clone());
      // A new build names new assets: store them now, while the network is here.
      const html = await res.clone().text();
      const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
      cache.addAll(assets).catch(() => {});
    }
    return res;
  } catch {
    const cached = await cache.match('/inspect/');
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
  if (request.mode === 'navigate' || url.pathname === '/inspect/' || url.pathname === '/inspect/index.html') {
    event.respondWith(networkFirstShell(request));
  } else if (url.pathname.startsWith('/assets/')) {
    event.respondWith(cacheFirst(request));
  } else if (url.pathname.startsWith('/inspect/')) {
    event.respondWith(staleWhileRevalidate(request));
  }
});
