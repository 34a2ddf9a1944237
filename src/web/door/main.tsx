/**
 * Entry of the door screen (接送出勤, served at /door/): a light installable app for staff at the door, no Ant
 * Design. The service worker (/door/sw.js, scope /door/) keeps the app shell so that it opens without a network;
 * the queue of check-ins/outs lives in localStorage and is sent by sync.ts.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { startSync } from './sync';
import '../shared/phone-base.css';
import './styles.css';

const el = document.getElementById('root');
if (!el) throw new Error('#root missing from door/index.html');
createRoot(el).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
startSync();

if ('serviceWorker' in navigator && import.meta.env.PROD) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/door/sw.js', { scope: '/door/' }).catch(() => {
      // no service worker (private mode, plain http on a LAN address): the app still works while online
    });
  });
}
