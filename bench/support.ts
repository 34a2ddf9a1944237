/**
 * Shared plumbing of the HTTP benchmarks that run on PostgreSQL with two app instances (bench/enrolment-surge.ts,
 * bench/morning-burst.ts): a scratch database created and dropped around the run, app instances in their own
 * processes (bench/surge-instance.ts, which also serves the baseline route), sessions made directly, and a load
 * generator that keeps C requests in flight and reports requests/s with p50/p99.
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { createSession } from '../src/server/auth/sessions.js';
import { sql } from 'drizzle-orm';
import { TEMPLATE_2021 } from '../src/domain/campaign/index.js';
import { bootstrap } from '../src/server/bootstrap.js';
import type { Database, Db } from '../src/server/db/client.js';
import { installModules } from '../src/server/modules/index.js';

export const arg = (name: string, d: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : d;
};

export const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;

export interface Figures {
  rps: number;
  p50: number;
  p99: number;
  codes: Record<string, number>;
}

export const formatFigures = (x: Figures) =>
  `${Math.round(x.rps)}/s, p50 ${x.p50.toFixed(1)} ms, p99 ${x.p99.toFixed(1)} ms, status ${JSON.stringify(x.codes)}`;

/** Runs `body` against a scratch database (URL given) on the server of DATABASE_URL, dropped afterwards. */
export async function withScratchDatabase(body: (url: string) => Promise<void>): Promise<void> {
  const base = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const dbName = `tuoguan_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(base);
  url.pathname = `/${dbName}`;
  try {
    await body(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
}

/** Starts one app instance in its own process and waits for its port. `env` adds settings (e.g. BENCH_NOW). */
export function instance(url: string, env: Record<string, string> = {}): Promise<{ port: number; stop: () => void }> {
  // BENCH_PROF=<dir> writes each instance's CPU profile there (open it in Chrome DevTools).
  const prof = process.env.BENCH_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROF}`] : [];
  const child = spawn(process.execPath, [...prof, '--import', 'tsx', 'bench/surge-instance.ts'], {
    env: { ...process.env, ...env, BENCH_DATABASE_URL: url },
    stdio: ['pipe', 'pipe', 'inherit'], // stdin stays open while we live: the instance exits when it closes
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /PORT (\d+)/.exec(out);
      if (m) resolve({ port: Number(m[1]), stop: () => child.kill('SIGTERM') });
    });
    child.on('exit', (code) => reject(new Error(`instance exited ${code}: ${out}`)));
  });
}

export interface Caller {
  cookie: string;
  csrf: string;
}

/** A session per user id, as a signed-in browser would hold. */
export async function sessionsFor(db: Db, userIds: number[], now = new Date()): Promise<Map<number, Caller>> {
  const out = new Map<number, Caller>();
  for (const id of userIds) {
    const s = await createSession(db, id, now, { idleMinutes: 30, absoluteHours: 12 }, { ip: null, userAgent: null });
    out.set(id, { cookie: `tg_sid=${s.token}`, csrf: s.csrfToken });
  }
  return out;
}

/** Sends one POST per item, `concurrency` in flight, spread over the instances' ports. */
export async function fire<T extends Caller>(
  ports: number[],
  items: T[],
  concurrency: number,
  request: (item: T) => [string, unknown],
): Promise<Figures> {
  const r = await fireRaw(ports, items, concurrency, request);
  return figures(r.lat, r.secs, r.codes);
}

function figures(lat: number[], secs: number, codes: Map<number, number>): Figures {
  return { rps: lat.length / secs, p50: pct(lat, 50), p99: pct(lat, 99), codes: Object.fromEntries(codes) };
}

/**
 * Runs two workloads over the same items in alternating slices (A on a slice, then B on it, `rounds` times), so that
 * load from elsewhere on the machine falls on both alike and their ratio stays meaningful.
 */
export async function fireInterleaved<T extends Caller>(
  ports: number[],
  items: T[],
  concurrency: number,
  a: (item: T) => [string, unknown],
  b: (item: T) => [string, unknown],
  rounds = 4,
): Promise<[Figures, Figures]> {
  const acc: { lat: number[]; secs: number; codes: Map<number, number> }[] = [
    { lat: [], secs: 0, codes: new Map() },
    { lat: [], secs: 0, codes: new Map() },
  ];
  const size = Math.ceil(items.length / rounds);
  for (let i = 0; i < items.length; i += size) {
    const slice = items.slice(i, i + size);
    for (const [k, req] of [a, b].entries()) {
      const r = await fireRaw(ports, slice, concurrency, req);
      const into = acc[k] as (typeof acc)[number];
      into.lat.push(...r.lat);
      into.secs += r.secs;
      for (const [c, n] of r.codes) into.codes.set(c, (into.codes.get(c) ?? 0) + n);
    }
  }
  const [x, y] = acc as [(typeof acc)[number], (typeof acc)[number]];
  return [figures(x.lat, x.secs, x.codes), figures(y.lat, y.secs, y.codes)];
}

async function fireRaw<T extends Caller>(
  ports: number[],
  items: T[],
  concurrency: number,
  request: (item: T) => [string, unknown],
): Promise<{ lat: number[]; secs: number; codes: Map<number, number> }> {
  const lat: number[] = [];
  const codes = new Map<number, number>();
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, w) => {
      for (;;) {
        const i = next++;
        const p = items[i];
        if (!p) return;
        const [url, body] = request(p);
        const s = performance.now();
        const res = await fetch(`http://127.0.0.1:${ports[(i + w) % ports.length]}${url}`, {
          method: 'POST',
          headers: { cookie: p.cookie, 'x-csrf-token': p.csrf, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        await res.arrayBuffer();
        lat.push(performance.now() - s);
        codes.set(res.status, (codes.get(res.status) ?? 0) + 1);
      }
    }),
  );
  return { lat, secs: (performance.now() - t0) / 1000, codes };
}

/**
 * Rows read by sequential scans so far in `tables` (pg_stat_user_tables), to be compared before and after a workload:
 * a statement planned while its tables were empty must not turn each request into a scan of a whole table.
 */
export async function seqRowsRead(database: Database, tables: string[]): Promise<Map<string, number>> {
  const rows = await database.rows<{ relname: string; n: number }>(sql`
    SELECT relname, seq_tup_read::float8 AS n FROM pg_stat_user_tables
     WHERE relname IN ${tables} ORDER BY relname`);
  return new Map(rows.map((r) => [r.relname, Number(r.n)]));
}

/** "table n/request, …" between two `seqRowsRead` snapshots; waits first for the servers' statistics to be flushed. */
export async function seqRowsPerRequest(
  database: Database,
  before: Map<string, number>,
  requests: number,
): Promise<string> {
  await new Promise((r) => setTimeout(r, 1500)); // backends flush their statistics about once a second
  const after = await seqRowsRead(database, [...before.keys()]);
  return [...after].map(([t, n]) => `${t} ${((n - (before.get(t) ?? 0)) / requests).toFixed(1)}/request`).join(', ');
}

/**
 * A migrated database with the city (bootstrap), one district, `units` enterprise units under it and an active 2026
 * summer campaign on the 2021 template: what both PostgreSQL benchmarks seed their classes on.
 */
export async function seedCityWithUnits(database: Database, units: number): Promise<{ rootId: number }> {
  installModules();
  const db = database.db;
  await database.migrate();
  const { rootId } = await bootstrap(db, { orgName: '压测市总工会', adminPassword: 'Bench-Admin-Pass-1' });
  const exec = (q: ReturnType<typeof sql>) => db.execute(q);
  await exec(
    sql`INSERT INTO organizations (parent_id, path, kind, name) VALUES (${rootId}, '', 'district', '压测区总工会')`,
  );
  await exec(sql`UPDATE organizations SET path = '/' || ${rootId} || '/' || id || '/' WHERE path = ''`);
  await exec(sql`INSERT INTO organizations (parent_id, path, kind, unit_type, name)
    SELECT d.id, '', 'unit', 'enterprise', '压测单位' || g FROM organizations d, generate_series(1, ${units}) g WHERE d.kind = 'district'`);
  await exec(
    sql`UPDATE organizations o SET path = p.path || o.id || '/' FROM organizations p WHERE o.parent_id = p.id AND o.path = ''`,
  );
  await exec(sql`INSERT INTO campaigns (org_id, name, year, holiday_type, status, params)
    VALUES (${rootId}, '压测项目', 2026, 'summer', 'active', ${JSON.stringify({ ...TEMPLATE_2021, year: 2026 })}::jsonb)`);
  return { rootId };
}
