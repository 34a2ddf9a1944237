/*
 * The door screen's service worker (scope /door/): the shared offline shell (/offline-shell.js) with the door's
 * manifest and icons, so a reload with no network still opens today's list and its queue.
 */
importScripts('/offline-shell.js');
offlineShell({
  cacheName: 'tuoguan-door-v1',
  scope: '/door/',
  extras: ['/door/manifest.webmanifest', '/door/icon.svg', '/door/icon-192.png', '/door/icon-512.png'],
});
