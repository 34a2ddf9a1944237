/*
 * The door screen's service worker (scope /door/). Hand-written and small on purpose:
 * - on install it stores the app shell: /door/ and every script and style that page names (the hashed /assets/
 *   files of this build), the manifest and the icons;
 * - pages under /door/ are fetched from the network first and fall back to the stored shell (so a reload with no
 *   network still opens the app, which then shows today's list from localStorage and its queue);
 * - /assets/* files never change under one name, so the stored copy is used first;
 * - /api/* is never touched: the app decides itself what to do without a network.
 */
const CACHE = 'tuoguan-door-v1';
const SHELL = ['/door/', '/door/manifest.webmanifest', '/door/icon.svg', '/door/icon-192.png', '/door/icon-512.png'];

async function storeShell() {
  const cache = await caches.open(CACHE);
  const res = await fetch('/door/', { cache: 'no-store' });
  if (!res.ok) throw new Error(`/door/ answered ${res.status}`);
  const html = await res.clone().text();
  await cache.put('/door/', res);
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
        Promise.all(keys.filter((k) => k.startsWith('tuoguan-door-') && k !== CACHE).map((k) => caches.delete(k))),
      )
      .then(() => self.clients.claim()),
  );
});

async function networkFirstShell(request) {
  const cache = await caches.open(CACHE);
  try {
    const res = await fetch(request);
    if (res.ok) {
      await cache.put('/door/', res.clone());
      // A new build names new assets: store them now, while the network is here.
      const html = await res.clone().text();
      const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
      cache.addAll(assets).catch(() => {});
    }
    return res;
  } catch {
    const cached = await cache.match('/door/');
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
  if (request.mode === 'navigate' || url.pathname === '/door/' || url.pathname === '/door/index.html') {
    event.respondWith(networkFirstShell(request));
  } else if (url.pathname.startsWith('/assets/')) {
    event.respondWith(cacheFirst(request));
  } else if (url.pathname.startsWith('/door/')) {
    event.respondWith(staleWhileRevalidate(request));
  }
});
