/**
 * Entry of the inspector's phone form (督导检查, served at /inspect/): a light app without Ant Design. The service
 * worker (/inspect/sw.js, scope /inspect/) keeps the app shell so that it opens without a network; drafts and the
 * queue of submissions live on the device (store.ts) and are sent by sync.ts when the network is back.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { startSync } from './sync';
import '../shared/phone-base.css';
import './styles.css';

const el = document.getElementById('root');
if (!el) throw new Error('#root missing from inspect/index.html');
createRoot(el).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
startSync();

if ('serviceWorker' in navigator && import.meta.env.PROD) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/inspect/sw.js', { scope: '/inspect/' }).catch(() => {
      // no service worker (private mode, plain http on a LAN address): the app still works while it stays open
    });
  });
}
