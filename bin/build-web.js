#!/usr/bin/env node
// Builds the web UI (vite build → dist/web: the admin console's index.html and the parents' phone app m/index.html)
// only when either page is missing or older than any file under src/web, the domain modules the UI bundles, or
// vite.config.ts. Used by `npm start` and the browser tests.
// `--force` rebuilds regardless. Exits with vite's status on failure.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Every entry of vite.config.ts: the admin console, the parents' app (/m/), the door (/door/), the inspector (/inspect/).
const pages = [
  'dist/web/index.html',
  'dist/web/m/index.html',
  'dist/web/door/index.html',
  'dist/web/inspect/index.html',
].map((p) => path.join(root, p));
// The UI bundles these pure domain modules (labels, checksums); the server schemas it uses are type-only imports.
const sources = ['src/web', 'src/domain', 'vite.config.ts'].map((p) => path.join(root, p));

function newestMtime(p) {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of fs.readdirSync(p)) {
    // Tests never reach the bundle.
    if (entry.endsWith('.test.ts')) continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry)));
  }
  return newest;
}

export function webBuildIsStale() {
  if (pages.some((p) => !fs.existsSync(p))) return true;
  const built = Math.min(...pages.map((p) => fs.statSync(p).mtimeMs));
  return sources.some((s) => newestMtime(s) > built);
}

export function buildWeb({ force = false } = {}) {
  if (!force && !webBuildIsStale()) return 0;
  console.log('构建网页界面 / building the web UI …');
  const vite = path.join(root, 'node_modules/vite/bin/vite.js');
  // NODE_ENV must be production whoever calls us (vitest sets it to "test", which makes vite ship React's and
  // antd's development builds).
  const env = { ...process.env, NODE_ENV: 'production' };
  // Built beside the live copy and swapped in whole, compressed copies included: a server (or another test run)
  // reading dist/web never sees it half-written or without its .br/.gz files.
  const out = path.join(root, 'dist/web');
  const next = `${out}.next-${process.pid}`;
  const r = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn', '--outDir', next, '--emptyOutDir'], {
    cwd: root,
    stdio: 'inherit',
    env,
  });
  if (r.status !== 0) {
    fs.rmSync(next, { recursive: true, force: true });
    return r.status ?? 1;
  }
  precompress(next);
  const old = `${out}.old-${process.pid}`;
  if (fs.existsSync(out)) fs.renameSync(out, old);
  fs.renameSync(next, out);
  fs.rmSync(old, { recursive: true, force: true });
  return 0;
}

/** Text files worth compressing; images and fonts are compressed already. */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|webmanifest|txt|map)$/;

/**
 * Writes a brotli (.br, quality 11) and a gzip (.gz, level 9) copy beside every text file of 1 KB or more, once at
 * build time, so the server never compresses per request (src/server/http/web-assets.ts picks the copy).
 */
export function precompress(dir) {
  let files = 0;
  let raw = 0;
  let br = 0;
  const walk = (d) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (COMPRESSIBLE.test(entry.name)) {
        const data = fs.readFileSync(p);
        if (data.length < 1024) continue;
        const b = zlib.brotliCompressSync(data, {
          params: {
            [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
            [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
          },
        });
        fs.writeFileSync(`${p}.br`, b);
        fs.writeFileSync(`${p}.gz`, zlib.gzipSync(data, { level: 9 }));
        files += 1;
        raw += data.length;
        br += b.length;
      }
    }
  };
  walk(dir);
  console.log(`precompressed ${files} files: ${(raw / 1024).toFixed(0)} KB → ${(br / 1024).toFixed(0)} KB brotli`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exit(buildWeb({ force: process.argv.includes('--force') }));
}
