/*
 * The inspector's phone form's service worker (scope /inspect/): the shared offline shell (/offline-shell.js), so a
 * reload with no network still opens the visits, drafts and queue kept on the phone.
 */
importScripts('/offline-shell.js');
offlineShell({ cacheName: 'tuoguan-inspect-v1', scope: '/inspect/', extras: ['/door/icon.svg'] });
