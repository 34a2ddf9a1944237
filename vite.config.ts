/**
 * Builds the web UI (src/web) into dist/web, which the API server serves with an SPA fallback. Its entries:
 * - index.html: the admin console (large by nature: ProLayout/ProTable; its pages are lazy chunks);
 * - m/index.html: the parents' phone app at /m/ (React + react-router only, hash routes), which must stay light
 *   for a parent on 4G — it shares no module with the console except React itself;
 * - door/index.html and inspect/index.html: the door screen and the inspector's form, light phone entries too.
 * `npm run dev:web` proxies /api to a server on :3000 so the UI can be developed against the real API.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = path.dirname(fileURLToPath(import.meta.url));
const web = path.join(root, 'src/web');

export default defineConfig({
  root: web,
  base: '/',
  plugins: [react()],
  build: {
    outDir: path.join(root, 'dist/web'),
    emptyOutDir: true,
    // The admin console is large by nature (ProLayout/ProTable); pages are lazy chunks, so only warn on outliers.
    chunkSizeWarningLimit: 2500,
    rolldownOptions: {
      input: {
        admin: path.join(web, 'index.html'),
        parent: path.join(web, 'm/index.html'),
        door: path.join(web, 'door/index.html'),
        inspect: path.join(web, 'inspect/index.html'),
      },
    },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
