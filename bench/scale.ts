/**
 * National scale (issue 15, "Scale"; docs/SCALING.md): a campaign of 16,000 classes, 400,000 children and 32 million
 * attendance events (at `--scale 1`) generated on PostgreSQL with set-based SQL, then the city dashboard — the real
 * `dashboardView` the route and `tuoguan stats targets` call, over the whole country's subtree — timed against a
 * trivial query (`SELECT 1`) through the same database handle in the same run, before and after the attendance grows
 * tenfold (10 % of the class days recorded, then all of them).
 *
 *   npx tsx bench/scale.ts                       # --scale 0.05: 800 classes, 20,000 children, 1.6 M events
 *   npx tsx bench/scale.ts --scale 1 --keep      # the full size (see docs/SCALING.md for the figures)
 *   npx tsx bench/scale.ts --scale 1 --db tuoguan_scale_1 --load-only   # load every day once, keep the database
 *   npx tsx bench/scale.ts --scale 1 --db tuoguan_scale_1 --reuse       # later: migrate, rebuild, time it again
 *   npx tsx bench/scale.ts --scale 1 --db tuoguan_scale_1 --reuse --no-rebuild   # time it only
 *
 * `--load-only` and `--reuse` split a long run: the load (most of a full-size run) is done once, and the dashboard
 * of the code as it is now is timed on it (the migrations applied, the aggregates rebuilt) as often as needed.
 * `--reuse` times the loaded database only (all days); the flatness (10 % of the days, then all) needs a full run.
 *
 * DATABASE_URL names the server (default postgres://postgres@127.0.0.1:5432/postgres); the run creates the database
 * `tuoguan_scale` (dropped first if it exists; `--keep` leaves it for inspection). The bulk load writes the tables
 * directly with their triggers off and the big indexes dropped (re-created after), then backfills the aggregates
 * with `rebuildAggregates` — what `tuoguan stats rebuild-aggregates` runs; the per-write maintenance (the
 * attendance_days trigger, the stats subscription) is what test/api/stats-aggregates.test.ts checks and
 * `npm run bench:burst` times.
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import {
  buildCampaign,
  type Campaign,
  mergeOver,
  rollCampaignToYear,
  TEMPLATE_2021,
} from '../src/domain/campaign/index.js';
import { workingDaysInRange } from '../src/domain/calendar/workdays.js';
import { bootstrap } from '../src/server/bootstrap.js';
import { type Database, openDatabase } from '../src/server/db/client.js';
import { effectiveCalendar } from '../src/server/modules/calendar/calendar.repo.js';
import { dashboardView } from '../src/server/modules/dashboard/dashboard.js';
import { installModules } from '../src/server/modules/index.js';
import { anchorTotals, rebuildAggregates } from '../src/server/modules/stats/stats.aggregates.js';
import { addDays, type IsoDate, todayInChina } from '../src/domain/calendar/dates.js';

const argv = process.argv.slice(2);
const num = (name: string, d: number) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : d;
};
const SCALE = num('scale', 0.05);
const CALLS = Math.max(30, num('calls', 30));
const LOAD_ONLY = argv.includes('--load-only');
const REUSE = argv.includes('--reuse');
/** With --reuse: time only (the migrations applied, the aggregates left as the last run rebuilt them). */
const NO_REBUILD = argv.includes('--no-rebuild');
const KEEP = argv.includes('--keep') || LOAD_ONLY || REUSE;
const DB_NAME = (() => {
  const i = argv.indexOf('--db');
  const name = i >= 0 ? (argv[i + 1] ?? '') : 'tuoguan_scale';
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`--db: not a plain database name: ${name}`);
  return name;
})();

const FULL = { classes: 16_000, children: 400_000, events: 32_000_000, districts: 32 };
/**
 * Each class's timeline up to running (as the class workflow writes it): the dashboard decides a class's status as of
 * a day from it, so the bench pays what a real campaign's classes cost (a class without a timeline is cheaper).
 */
const TIMELINES = `
  INSERT INTO class_transitions (class_id, from_status, to_status, at)
  SELECT c.id, s.f, s.t, s.at::timestamptz FROM care_classes c
   CROSS JOIN (VALUES ('draft', 'submitted', '2026-06-01T02:00:00Z'), ('submitted', 'approved', '2026-06-08T02:00:00Z'),
                      ('approved', 'open', '2026-06-15T02:00:00Z'), ('open', 'running', '2026-07-06T00:30:00Z')) s(f, t, at)
   WHERE NOT EXISTS (SELECT 1 FROM class_transitions x WHERE x.class_id = c.id)`;
const classes = Math.max(10, Math.round(FULL.classes * SCALE));
const kids = Math.max(100, Math.round(FULL.children * SCALE));
const districts = Math.max(2, Math.min(FULL.districts, Math.round(classes / 50)));
const START = '2026-07-06';
const END = '2026-08-28';
const AS_OF = END;

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;
const ms = (x: number) => `${x.toFixed(1)} ms`;
const now = () => performance.now();

async function timed<T>(label: string, body: () => Promise<T>): Promise<T> {
  const t = now();
  const out = await body();
  console.log(`  ${label}: ${((now() - t) / 1000).toFixed(1)} s`);
  return out;
}

async function freshDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  const base = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  if (!REUSE) {
    await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${DB_NAME}`);
  }
  const url = new URL(base);
  url.pathname = `/${DB_NAME}`;
  installModules();
  const database = await openDatabase({ databaseUrl: url.toString() });
  await database.migrate();
  return {
    database,
    drop: async () => {
      await database.close();
      if (!KEEP) await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** p50/p95 of `calls` calls of `body`, after two warm-up calls. */
async function measure(calls: number, body: () => Promise<unknown>) {
  await body();
  await body();
  const xs: number[] = [];
  for (let i = 0; i < calls; i++) {
    const t = now();
    await body();
    xs.push(now() - t);
  }
  return { p50: pct(xs, 50), p95: pct(xs, 95) };
}

const INDEXES = [
  'DROP INDEX IF EXISTS attendance_events_client_uq',
  'DROP INDEX IF EXISTS attendance_events_class_day_child_idx',
  'DROP INDEX IF EXISTS attendance_days_pk',
];
const REINDEX = [
  'CREATE UNIQUE INDEX attendance_events_client_uq ON attendance_events (client_id)',
  'CREATE INDEX attendance_events_class_day_child_idx ON attendance_events (class_id, day, child_id)',
  'CREATE UNIQUE INDEX attendance_days_pk ON attendance_days (class_id, day, child_id)',
];

/** A fresh root organisation and the campaign of the run. */
async function newCampaign(database: Database) {
  const { rootId } = await bootstrap(database.db, {
    orgName: '全国总工会（规模测试）',
    adminPassword: 'Scale-Bench-Pass-2026',
  });
  const built = buildCampaign(mergeOver(rollCampaignToYear(TEMPLATE_2021, 2026), { name: '全国暑期托管（规模测试）' }));
  if (!built.ok) throw new Error('campaign template does not build');
  const params = built.campaign as Campaign;
  const [camp] = await database.rows<{ id: number }>(
    sql`INSERT INTO campaigns (org_id, name, year, holiday_type, status, params)
        VALUES (${rootId}, ${params.name}, 2026, ${params.holidayType}, 'active', ${JSON.stringify(params)}::jsonb)
        RETURNING id`,
  );
  return { rootId, campaignId: camp?.id ?? 0, params };
}

/** The root and campaign of a database loaded by an earlier `--load-only` run. */
async function loadedCampaign(database: Database) {
  const [root] = await database.rows<{ id: number }>(
    sql`SELECT id FROM organizations WHERE parent_id IS NULL ORDER BY id LIMIT 1`,
  );
  const [camp] = await database.rows<{ id: number; params: Campaign }>(
    sql`SELECT id, params FROM campaigns ORDER BY id LIMIT 1`,
  );
  if (!root || !camp) throw new Error(`${DB_NAME}: nothing loaded (run --load-only first)`);
  return { rootId: root.id, campaignId: camp.id, params: camp.params };
}

async function main() {
  console.log(
    `National scale ×${SCALE}: ${classes} classes, ${kids} children, ${districts} districts, ` +
      `~${Math.round(FULL.events * SCALE).toLocaleString('en')} attendance events at full growth (PostgreSQL, database ${DB_NAME})`,
  );
  const { database, drop } = await freshDatabase();
  const db = database.db;
  const exec = (q: string) => db.execute(sql.raw(q));
  try {
    const { rootId, campaignId, params } = REUSE ? await loadedCampaign(database) : await newCampaign(database);
    // A database loaded before the classes had timelines gets them (once).
    if (REUSE) await exec(TIMELINES);
    const days = workingDaysInRange(START, END, [], await effectiveCalendar(db, params));
    const early = days.slice(0, Math.max(1, Math.round(days.length / 10)));
    const late = days.slice(early.length);
    const [admin] = await database.rows<{ id: number }>(sql`SELECT id FROM users ORDER BY id LIMIT 1`);
    const adminId = admin?.id ?? 1;

    if (!REUSE) console.log('Load (set-based SQL, triggers off, attendance indexes dropped):');
    if (!REUSE)
      await timed('organisations, classes, families, children, places', async () => {
        await exec('SET session_replication_role = replica');
        await exec(`
        INSERT INTO organizations (parent_id, path, kind, name, active)
        SELECT ${rootId}, '', 'district', '规模测试区' || g, true FROM generate_series(1, ${districts}) g`);
        await exec(`UPDATE organizations o SET path = r.path || o.id || '/' FROM organizations r
                   WHERE r.id = ${rootId} AND o.parent_id = ${rootId} AND o.path = ''`);
        await exec(`
        WITH d AS (SELECT id, path, row_number() OVER (ORDER BY id) - 1 AS n FROM organizations WHERE kind = 'district')
        INSERT INTO organizations (parent_id, path, kind, unit_type, name, active)
        SELECT d.id, d.path, 'unit', 'enterprise', '规模测试单位' || g, true
          FROM generate_series(0, ${classes - 1}) g JOIN d ON d.n = g % ${districts}`);
        await exec(`UPDATE organizations SET path = path || id || '/' WHERE kind = 'unit'`);
        await exec(`
        INSERT INTO care_classes (campaign_id, org_id, name, mode, management, start_date, end_date, daily_start,
            daily_end, capacity, meals, status, created_at)
        SELECT ${campaignId}, u.id, '规模测试班' || u.id, 'standalone', 'union', '${START}', '${END}', '08:00', '17:30',
               ${Math.ceil(kids / classes) + 5}, 'lunch', 'running', '2026-06-01T00:00:00Z'
          FROM organizations u WHERE u.kind = 'unit' ORDER BY u.id`);
        await exec(`INSERT INTO class_units (class_id, org_id, is_owner) SELECT id, org_id, true FROM care_classes`);
        await exec(TIMELINES);
        await exec(`INSERT INTO families (created_at) SELECT now() FROM generate_series(1, ${kids})`);
        await exec(`
        INSERT INTO children (family_id, name, birth_date, grade)
        SELECT f.id, '儿童' || f.id, '2017-05-01', (1 + f.id % 6)::text FROM families f`);
        await exec(`
        WITH c AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM care_classes),
             k AS (SELECT id, family_id, row_number() OVER (ORDER BY id) - 1 AS n FROM children)
        INSERT INTO enrolments (class_id, child_id, family_id, applied_by, status, applied_at, accepted_at)
        SELECT c.id, k.id, k.family_id, ${adminId}, 'accepted', '2026-06-20T02:00:00Z', '2026-06-25T02:00:00Z'
          FROM k JOIN c ON c.n = k.n % ${classes}`);
        for (const q of INDEXES) await exec(q);
      });

    /** Two events (check-in, check-out) and one day row per child per class day of `span`. */
    const loadDays = async (span: string[]) => {
      const list = span.map((d) => `'${d}'`).join(',');
      await exec(`
        INSERT INTO attendance_events (client_id, class_id, child_id, day, kind, occurred_at, received_at, actor_id)
        SELECT 's' || e.child_id || '-' || d || '-' || k, e.class_id, e.child_id, d, k,
               (d || CASE k WHEN 'check_in' THEN ' 08:05:00+08' ELSE ' 17:20:00+08' END)::timestamptz,
               (d || CASE k WHEN 'check_in' THEN ' 08:05:01+08' ELSE ' 17:20:01+08' END)::timestamptz, ${adminId}
          FROM enrolments e, unnest(ARRAY[${list}]) d, unnest(ARRAY['check_in', 'check_out']) k
         WHERE (e.child_id + ascii(right(d, 1))) % 10 <> 0`); // ~10 % of child-days absent
      await exec(`
        INSERT INTO attendance_days (class_id, child_id, day, status, check_in_at, check_out_at, events, version, updated_at)
        SELECT e.class_id, e.child_id, d,
               CASE WHEN (e.child_id + ascii(right(d, 1))) % 10 <> 0 THEN 'left' ELSE 'absent' END,
               (d || ' 08:05:00+08')::timestamptz, (d || ' 17:20:00+08')::timestamptz, '[]'::jsonb, 1, now()
          FROM enrolments e, unnest(ARRAY[${list}]) d`);
    };
    const reindexAndRebuild = async () => {
      await timed('indexes re-created', async () => {
        for (const q of REINDEX) await exec(q);
      });
      await exec('SET session_replication_role = DEFAULT');
      await timed('aggregates rebuilt (rebuildAggregates = tuoguan stats rebuild-aggregates)', async () => {
        await exec('DELETE FROM stats_stale_classes');
        const r = await rebuildAggregates(db);
        console.log(`    ${r.classes} classes, ${r.rows.toLocaleString('en')} class-day rows`);
      });
      // As a database is after a bulk load in production: vacuumed and analysed — so the timing that follows does not
      // share the machine with autovacuum working through the freshly loaded tables.
      await timed('VACUUM ANALYZE', () => exec('VACUUM ANALYZE'));
    };

    if (LOAD_ONLY) {
      await timed(`attendance of all ${days.length} class days`, () => loadDays(days));
      await timed('indexes re-created', async () => {
        for (const q of REINDEX) await exec(q);
      });
      await exec('SET session_replication_role = DEFAULT');
      console.log(`Loaded; time the dashboard with: npx tsx bench/scale.ts --scale ${SCALE} --db ${DB_NAME} --reuse`);
      return;
    }
    if (!REUSE) {
      await timed(`attendance of the first ${early.length} of ${days.length} class days`, () => loadDays(early));
      await reindexAndRebuild();
    } else if (!NO_REBUILD) {
      await exec('SET session_replication_role = DEFAULT');
      await timed('aggregates rebuilt (rebuildAggregates = tuoguan stats rebuild-aggregates)', async () => {
        await exec('DELETE FROM stats_stale_classes');
        const r = await rebuildAggregates(db);
        console.log(`    ${r.classes} classes, ${r.rows.toLocaleString('en')} class-day rows`);
      });
      await exec('ANALYZE');
    }

    const [root] = await database.rows<{ id: number; name: string; kind: string; path: string }>(
      sql`SELECT id, name, kind, path FROM organizations WHERE id = ${rootId}`,
    );
    if (!root) throw new Error('root');
    /** The dashboard of an organisation as of a day, as the route calls it. */
    const viewOf = (org: { id: number; name: string; kind: string; path: string }, asOf: IsoDate) =>
      dashboardView(db, { campaign: { id: campaignId, name: params.name, params }, org, breadcrumbs: [], asOf });
    const view = () => viewOf(root, AS_OF);
    const trivial = () => database.rows(sql`SELECT 1`);
    const count = async () =>
      Number((await database.rows<{ n: number }>(sql`SELECT count(*)::bigint AS n FROM attendance_events`))[0]?.n ?? 0);

    const results: {
      phase: string;
      events: number;
      dash: { p50: number; p95: number };
      base: { p50: number; p95: number };
    }[] = [];
    const check = await view();
    console.log(
      `  dashboard sanity: ${check.totals.classes.total} classes, ${check.totals.children} children, ` +
        `attendance ${check.totals.attendanceRate}%, ${check.rows.length} district rows`,
    );
    results.push({
      phase: REUSE ? 'as loaded' : '10 % of days',
      events: await count(),
      dash: await measure(CALLS, view),
      base: await measure(CALLS, trivial),
    });

    if (!REUSE) await growTenfold();

    // "Today" in the middle of the campaign, the dashboard as of that day: the class totals' anchors at the day (as the
    // stats.moveAnchors job leaves them after midnight, or a class's recomputation that day — the anchor alone is
    // read), and at the day before (had the job not run — one row per class beyond the anchor).
    const mid = days[Math.floor(days.length / 2)] ?? AS_OF;
    const classIds = (
      await database.rows<{ id: number }>(sql`SELECT id FROM care_classes WHERE campaign_id = ${campaignId}`)
    ).map((r) => r.id);
    const anchorAll = async (day: string) => {
      for (let i = 0; i < classIds.length; i += 1000) await anchorTotals(db, classIds.slice(i, i + 1000), day);
      // 16,000 rows rewritten, as the morning job does: autovacuum follows within a minute in production; the bench
      // does not wait for it (timed with the dead rows, a call read twice the table: 350 ms at p95 instead of 255).
      await exec('VACUUM ANALYZE stats_class_totals');
    };
    const midView = () => viewOf(root, mid);
    await timed(`class totals anchored at ${mid}`, () => anchorAll(mid));
    const today = { dash: await measure(CALLS, midView), base: await measure(CALLS, trivial) };
    await timed(`class totals anchored at ${addDays(mid, -1)}`, () => anchorAll(addDays(mid, -1)));
    const morning = { dash: await measure(CALLS, midView), base: await measure(CALLS, trivial) };
    // A district's own dashboard (its units and classes only), as of the campaign's last day.
    const [district] = await database.rows<{ id: number; name: string; kind: string; path: string }>(
      sql`SELECT id, name, kind, path FROM organizations WHERE parent_id = ${root.id} AND kind = 'district' ORDER BY id LIMIT 1`,
    );
    const districtView = async () => (district ? viewOf(district, AS_OF) : null);
    const districtClasses = (await districtView())?.totals.classes.total ?? 0;
    const oneDistrict = { dash: await measure(CALLS, districtView), base: await measure(CALLS, trivial) };
    await timed('anchors back at today', () => anchorAll(todayInChina(new Date())));
    async function growTenfold() {
      await exec('SET session_replication_role = replica');
      for (const q of INDEXES) await exec(q);
      await timed(`attendance of the other ${late.length} class days (10× the events)`, () => loadDays(late));
      await reindexAndRebuild();
      const after = await view();
      console.log(`  dashboard sanity: attendance ${after.totals.attendanceRate}%`);
      results.push({
        phase: 'all days (10×)',
        events: await count(),
        dash: await measure(CALLS, view),
        base: await measure(CALLS, trivial),
      });
    }

    console.log(`\nCity dashboard (dashboardView over the whole campaign, as of ${AS_OF}), ${CALLS} calls each:`);
    console.log('| phase | events | dashboard p50 | dashboard p95 | SELECT 1 p50 | SELECT 1 p95 |');
    console.log('|---|---|---|---|---|---|');
    for (const r of results)
      console.log(
        `| ${r.phase} | ${r.events.toLocaleString('en')} | ${ms(r.dash.p50)} | ${ms(r.dash.p95)} | ${ms(r.base.p50)} | ${ms(r.base.p95)} |`,
      );
    for (const [label, t] of [
      ['anchors at the day', today],
      ['anchors the day before: the morning job not run', morning],
    ] as const)
      console.log(
        `| as of ${mid}, as "today" (${label}) | ${results.at(-1)?.events.toLocaleString('en')} | ` +
          `${ms(t.dash.p50)} | ${ms(t.dash.p95)} | ${ms(t.base.p50)} | ${ms(t.base.p95)} |`,
      );
    console.log(
      `| a district's own dashboard (${districtClasses} classes), as of ${AS_OF} | ${results.at(-1)?.events.toLocaleString('en')} | ` +
        `${ms(oneDistrict.dash.p50)} | ${ms(oneDistrict.dash.p95)} | ${ms(oneDistrict.base.p50)} | ${ms(oneDistrict.base.p95)} |`,
    );
    const [a, b] = results;
    if (a && b) {
      const growth = b.dash.p95 / a.dash.p95;
      console.log(
        `\nevents ×${(b.events / Math.max(1, a.events)).toFixed(1)} → dashboard p95 ×${growth.toFixed(2)} (target ≤ 1.2); ` +
          `p95 ${ms(b.dash.p95)} (target < 300 ms at full size)`,
      );
    }
  } finally {
    await drop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
