/**
 * `npm run bench`: prints figures and compares each against a baseline measured in the same run on the same
 * machine and database, so that the ratio means something whatever the machine. Not a test: nothing here fails.
 *
 *  1. demo load — rows/s of `loadDemo` at a scale, vs. a bare multi-row INSERT of the same number of rows.
 *  2. scoped org listing — requests/s of GET /api/orgs (session, scope, abilities), vs. GET /readyz (one query).
 *
 * Uses PGlite unless DATABASE_URL is set. Options: --scale N (default 20), --requests N (default 2000).
 */
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { buildApp } from '../src/server/app.js';
import { bootstrap } from '../src/server/bootstrap.js';
import { loadConfig } from '../src/server/config.js';
import { type Database, openDatabase } from '../src/server/db/client.js';
import { DEMO_PASSWORD } from '../src/server/demo/generate.js';
import { loadDemo } from '../src/server/demo/load.js';
import { installModules } from '../src/server/modules/index.js';

const arg = (name: string, d: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : d;
};

async function freshDatabase(): Promise<Database> {
  installModules();
  if (process.env.DATABASE_URL) {
    const db = await openDatabase({ databaseUrl: process.env.DATABASE_URL });
    await db.migrate();
    const [row] = await db.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM organizations`);
    if ((row?.n ?? 0) > 0) throw new Error('bench needs an empty PostgreSQL database');
    return db;
  }
  const db = await openDatabase({ pglite: await PGlite.create() });
  await db.migrate();
  return db;
}

function pct(xs: number[], p: number) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
}

async function benchDemoLoad(scale: number) {
  const database = await freshDatabase();
  const config = { ...loadConfig({}), adminPassword: 'Bench-Admin-Pass-1' };
  await bootstrap(database.db, config);
  const r = await loadDemo(database.db, { scale, seed: 1 });
  const ours = r.rows / (r.ms / 1000);

  // Baseline: the same number of rows into a plain table, 1000 per INSERT, one transaction.
  await database.rows(sql`CREATE TABLE bench_baseline (id serial primary key, a text, b text, c text)`);
  const t0 = performance.now();
  await database.db.transaction(async (tx) => {
    for (let i = 0; i < r.rows; i += 1000) {
      const n = Math.min(1000, r.rows - i);
      const json = JSON.stringify(
        Array.from({ length: n }, (_, k) => ({ a: `name${i + k}`, b: '13800000000', c: 'x' })),
      );
      await tx.execute(
        sql`INSERT INTO bench_baseline (a, b, c) SELECT a, b, c FROM json_to_recordset(${json}::json) AS x(a text, b text, c text)`,
      );
    }
  });
  const baseline = r.rows / ((performance.now() - t0) / 1000);
  console.log(
    `demo load (scale ${scale}, ${database.driver}): ${r.rows} rows in ${r.ms} ms = ${Math.round(ours)} rows/s`,
  );
  console.log(`  baseline bare INSERT: ${Math.round(baseline)} rows/s; ratio ${(ours / baseline).toFixed(2)}`);
  return database;
}

async function benchOrgList(database: Database, requests: number) {
  const app = await buildApp({
    database,
    config: { ...loadConfig({}), webDist: '/none', dataKey: 'ab'.repeat(32) },
    clock: () => new Date(),
  });
  await app.ready();
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'district', password: DEMO_PASSWORD },
  });
  const cookie = login.cookies.find((c) => c.name === 'tg_sid');
  if (!cookie) throw new Error(`login failed: ${login.body}`);
  const run = async (url: string, withCookie: boolean) => {
    const lat: number[] = [];
    const t0 = performance.now();
    // 8 concurrent clients, like a handful of officials working at once.
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let i = 0; i < requests / 8; i++) {
          const s = performance.now();
          const res = await app.inject({
            method: 'GET',
            url,
            headers: withCookie ? { cookie: `tg_sid=${cookie.value}` } : {},
          });
          if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode}`);
          lat.push(performance.now() - s);
        }
      }),
    );
    return { rps: lat.length / ((performance.now() - t0) / 1000), p50: pct(lat, 50), p99: pct(lat, 99) };
  };
  const base = await run('/readyz', false);
  const ours = await run('/api/orgs?pageSize=20&under=2', true);
  const f = (x: { rps: number; p50: number; p99: number }) =>
    `${Math.round(x.rps)} req/s, p50 ${x.p50.toFixed(1)} ms, p99 ${x.p99.toFixed(1)} ms`;
  console.log(`GET /api/orgs (district admin, scoped, ${requests} requests): ${f(ours)}`);
  console.log(`  baseline GET /readyz (one SELECT 1): ${f(base)}; ratio ${(ours.rps / base.rps).toFixed(2)}`);
  await app.close();
}

const database = await benchDemoLoad(arg('scale', 20));
await benchOrgList(database, arg('requests', 2000));
await database.close();
