/**
 * `npm run bench:pages` (and part of `npm run bench`): what a browser downloads and how long it waits for content,
 * for the pages people open first — the login page, the city's home, a class page, the parents' app (/m/) and the
 * door screen (/door/) — in Debian's Chromium against the real server with the demo city, cold (empty cache) and
 * warm (the same browser again). Not a test: it prints figures and marks the targets (issue 18):
 *   - the console's first page (login) under 400 KB compressed; /m/ and /door/ under 150 KB;
 * and compares, in the same run,
 *   - bytes on the wire against the same files uncompressed (what the server sent before brotli), and
 *   - time to content against a trivial page (/healthz) on the same server and browser.
 *
 * Options: --runs N (cold loads per page, default 3; the median is printed); --no-build (use dist/web as it is).
 */
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { buildApp } from '../src/server/app.js';
import { bootstrap } from '../src/server/bootstrap.js';
import { loadConfig } from '../src/server/config.js';
import { openDatabase } from '../src/server/db/client.js';
import { DEMO_PASSWORD } from '../src/server/demo/generate.js';
import { loadDemo } from '../src/server/demo/load.js';
import { installModules } from '../src/server/modules/index.js';
import { buildWeb } from '../bin/build-web.js';

const arg = (name: string, d: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : d;
};
const KB = 1024;

interface PageSpec {
  name: string;
  path: string | ((base: string, ctx: BrowserContext) => Promise<string>);
  /** Signs the context in first (the console pages behind a session). */
  user?: string;
  /** Visible when the page shows its content. */
  content: string;
  targetKb?: number;
}

interface Load {
  wireBytes: number;
  rawBytes: number;
  requests: number;
  ms: number;
}

/** One navigation: bytes on the wire (CDP encodedDataLength, headers included) and decoded, and time to content. */
async function measure(page: Page, url: string, content: string): Promise<Load> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  let wireBytes = 0;
  let rawBytes = 0;
  let requests = 0;
  cdp.on('Network.dataReceived', (e) => {
    rawBytes += e.dataLength;
  });
  cdp.on('Network.loadingFinished', (e) => {
    wireBytes += e.encodedDataLength;
    requests += 1;
  });
  const started = performance.now();
  await page.goto(url, { waitUntil: 'commit' });
  await page.locator(content).first().waitFor({ state: 'visible', timeout: 60_000 });
  const ms = performance.now() - started;
  // Late chunks (lazy routes, data) count toward what the page costs.
  await page.waitForLoadState('networkidle');
  await cdp.detach();
  return { wireBytes, rawBytes, requests, ms };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function main() {
  const runs = arg('runs', 3);
  if (!process.argv.includes('--no-build') && buildWeb() !== 0) throw new Error('web build failed');
  installModules();
  const database = await openDatabase({ pglite: await PGlite.create() });
  await database.migrate();
  const config = { ...loadConfig({}), adminPassword: 'Bench-Admin-Pass-1', webDist: path.resolve('dist/web') };
  await bootstrap(database.db, config);
  const demoStarted = performance.now();
  await loadDemo(database.db, { scale: 1, seed: 1 });
  console.log(`demo loaded in ${((performance.now() - demoStarted) / 1000).toFixed(1)} s`);
  const app = await buildApp({ database, config, clock: () => new Date() });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  if (!addr || typeof addr === 'string') throw new Error('no address');
  const base = `http://127.0.0.1:${addr.port}`;

  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });

  const firstClass = async (_b: string, ctx: BrowserContext) => {
    const res = await ctx.request.get(`${base}/api/classes?pageSize=1`);
    const body = (await res.json()) as { items?: { id: number }[]; data?: { id: number }[] };
    const id = (body.items ?? body.data ?? [])[0]?.id ?? 1;
    return `/classes/${id}`;
  };
  const pages: PageSpec[] = [
    { name: 'baseline /healthz', path: '/healthz', content: 'body' },
    { name: 'console login', path: '/login', content: 'input[type=password]', targetKb: 400 },
    { name: 'city home', path: '/', user: 'city', content: '.ant-pro-page-container, .ant-card' },
    { name: 'class page', path: firstClass, user: 'city', content: '.ant-tabs, .ant-descriptions' },
    { name: "parents' app /m/", path: '/m/', content: 'input', targetKb: 150 },
    { name: 'door /door/', path: '/door/', content: 'input, button', targetKb: 150 },
  ];

  const rows: string[][] = [];
  let baselineMs = 0;
  for (const spec of pages) {
    const cold: Load[] = [];
    let warm: Load | null = null;
    for (let i = 0; i < runs; i += 1) {
      const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
      if (spec.user) {
        const res = await ctx.request.post(`${base}/api/auth/login`, {
          data: { username: spec.user, password: DEMO_PASSWORD },
        });
        if (!res.ok()) throw new Error(`login ${spec.user}: ${res.status()}`);
      }
      const url = base + (typeof spec.path === 'string' ? spec.path : await spec.path(base, ctx));
      const page = await ctx.newPage();
      cold.push(await measure(page, url, spec.content));
      if (i === 0) warm = await measure(page, url, spec.content);
      await ctx.close();
    }
    const c = {
      wire: median(cold.map((l) => l.wireBytes)),
      raw: median(cold.map((l) => l.rawBytes)),
      ms: median(cold.map((l) => l.ms)),
      requests: median(cold.map((l) => l.requests)),
    };
    if (spec.name.startsWith('baseline')) baselineMs = c.ms;
    const verdict =
      spec.targetKb === undefined
        ? ''
        : c.wire <= spec.targetKb * KB
          ? `✓ < ${spec.targetKb} KB`
          : `✗ > ${spec.targetKb} KB`;
    rows.push([
      spec.name,
      `${(c.wire / KB).toFixed(0)} KB`,
      `${(c.raw / KB).toFixed(0)} KB`,
      `${c.requests}`,
      `${c.ms.toFixed(0)} ms`,
      baselineMs > 0 ? `${(c.ms / baselineMs).toFixed(1)}×` : '',
      warm ? `${(warm.wireBytes / KB).toFixed(1)} KB` : '',
      warm ? `${warm.ms.toFixed(0)} ms` : '',
      verdict,
    ]);
  }
  const head = [
    'page',
    'cold wire',
    'uncompressed',
    'requests',
    'to content',
    'vs baseline',
    'warm wire',
    'warm to content',
    'target',
  ];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((v, i) => v.padEnd(widths[i] ?? 0)).join('  ');
  console.log(`\npage load in Chromium (median of ${runs} cold loads; warm = the same browser again)`);
  console.log(line(head));
  for (const r of rows) console.log(line(r));
  await browser.close();
  await app.close();
  await database.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
