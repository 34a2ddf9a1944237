/**
 * Builds the admin console (src/web) into dist/web, which the API server serves with an SPA fallback.
 * `npm run dev:web` proxies /api to a server on :3000 so the UI can be developed against the real API.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: path.join(root, 'src/web'),
  base: '/',
  plugins: [react()],
  build: {
    outDir: path.join(root, 'dist/web'),
    emptyOutDir: true,
    // The admin console is large by nature (ProLayout/ProTable); pages are lazy chunks, so only warn on outliers.
    chunkSizeWarningLimit: 2500,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
