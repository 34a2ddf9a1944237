/**
 * `npm run bench:surge` — the registration-opening surge of issue 5, on PostgreSQL (DATABASE_URL, default the
 * local server's `postgres` database; a scratch database is created and dropped). Two app instances run as separate
 * processes on loopback ports, each with its own pool; N guardians with sessions apply at once, C requests in flight.
 * Reports applications/s and p50/p99, and the same for a baseline route on the same stack (session + CSRF +
 * one INSERT) measured in the same run; then checks: no class over capacity, every application stored.
 *
 * Options: --classes 1000 --places 40 --parents 5000 --concurrency 200
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { type Database, openDatabase } from '../src/server/db/client.js';
import { verifyAuditChain } from '../src/server/events/verify.js';
import {
  arg,
  type Caller,
  fireInterleaved,
  formatFigures,
  instance,
  seqRowsPerRequest,
  seqRowsRead,
  seedCityWithUnits,
  sessionsFor,
  withScratchDatabase,
} from './support.js';

const CLASSES = arg('classes', 1000);
const PLACES = arg('places', 40);
const PARENTS = arg('parents', 5000);
const CONCURRENCY = arg('concurrency', 200);
/** The tables an application reads, watched for sequential scans. */
const APPLY_TABLES = [
  'care_classes',
  'children',
  'class_enrolment',
  'class_units',
  'enrolments',
  'guardians',
  'organizations',
  'sessions',
];

async function seed(database: Database) {
  const db = database.db;
  await seedCityWithUnits(database, CLASSES);
  const exec = (q: ReturnType<typeof sql>) => db.execute(q);
  await exec(sql`INSERT INTO care_classes (campaign_id, org_id, name, mode, management, start_date, end_date, capacity, status)
    SELECT c.id, u.id, '压测班' || u.id, 'standalone', 'union', '2026-07-06', '2026-08-14', ${PLACES}, 'open'
      FROM organizations u, campaigns c WHERE u.kind = 'unit'`);
  await exec(sql`INSERT INTO class_units (class_id, org_id, is_owner) SELECT id, org_id, true FROM care_classes`);
  // As opening a class for enrolment does: its place counters.
  await exec(sql`INSERT INTO class_enrolment (class_id) SELECT id FROM care_classes`);
  // Parents: each employed by one unit (spread evenly), one child each.
  await exec(sql`INSERT INTO families (id) SELECT g FROM generate_series(1, ${PARENTS}) g`);
  await exec(sql`SELECT setval(pg_get_serial_sequence('families','id'), ${PARENTS})`);
  await exec(
    sql`INSERT INTO users (username, display_name, password_hash) SELECT 'bench' || g, '家长' || g, 'x' FROM generate_series(1, ${PARENTS}) g`,
  );
  await exec(sql`INSERT INTO guardians (user_id, family_id, employer_org_id, status)
    SELECT u.id, substr(u.username, 6)::int, (SELECT id FROM organizations WHERE kind = 'unit' ORDER BY id OFFSET (substr(u.username, 6)::int % ${CLASSES}) LIMIT 1), 'verified'
      FROM users u WHERE u.username LIKE 'bench%'`);
  await exec(
    sql`INSERT INTO children (family_id, name, birth_date, grade) SELECT g, '孩子' || g, '2017-01-01', '3' FROM generate_series(1, ${PARENTS}) g`,
  );
  await exec(sql`CREATE TABLE bench_baseline (id serial PRIMARY KEY, user_id int, at timestamptz DEFAULT now())`);
  const rows = (await db.execute(sql`
    SELECT g.user_id, ch.id AS child_id, c.id AS class_id FROM guardians g
      JOIN children ch ON ch.family_id = g.family_id JOIN care_classes c ON c.org_id = g.employer_org_id`)) as unknown as {
    rows: { user_id: number; child_id: number; class_id: number }[];
  };
  const sessions = await sessionsFor(
    db,
    rows.rows.map((r) => r.user_id),
  );
  const people = rows.rows.map((r) => ({ ...r, ...(sessions.get(r.user_id) as Caller) }));
  return people;
}

await withScratchDatabase(async (url) => {
  const seedDb = await openDatabase({ databaseUrl: url });
  const t0 = performance.now();
  const people = await seed(seedDb);
  console.log(
    `seeded ${CLASSES} classes × ${PLACES} places, ${people.length} guardians with sessions in ${Math.round(performance.now() - t0)} ms`,
  );
  const a = await instance(url);
  const b = await instance(url);
  const ports = [a.port, b.port];
  const f = formatFigures;
  const scansBefore = await seqRowsRead(seedDb, APPLY_TABLES);
  // Baseline and surge alternate in slices, so that whatever else loads the machine weighs on both alike.
  const [baseline, surge] = await fireInterleaved(
    ports,
    people,
    CONCURRENCY,
    () => ['/bench/baseline', {}],
    (p) => ['/api/enrolments', { classId: p.class_id, childId: p.child_id }],
  );
  console.log(`baseline (session + CSRF + 1 INSERT), 2 instances, ${CONCURRENCY} in flight: ${f(baseline)}`);
  console.log(`applications, 2 instances, ${CONCURRENCY} in flight:                  ${f(surge)}`);
  console.log(`ratio applications/baseline: ${(surge.rps / baseline.rps).toFixed(2)} (target ≥ 0.5)`);
  console.log(
    `rows read by sequential scans during the surge (≈ 0 expected): ${await seqRowsPerRequest(seedDb, scansBefore, people.length)}`,
  );
  const [over] =
    (await seedDb.rows<{ n: number }>(sql`
    SELECT count(*)::int AS n FROM care_classes c WHERE (SELECT count(*) FROM enrolments e WHERE e.class_id = c.id AND e.status IN ('offered','accepted')) > c.capacity`)) ??
    [];
  const [stored] = await seedDb.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM enrolments`);
  const [drift] = await seedDb.rows<{ n: number }>(sql`
    SELECT count(*)::int AS n FROM class_enrolment ce WHERE ce.places_taken <> (SELECT count(*) FROM enrolments e WHERE e.class_id = ce.class_id AND e.status IN ('offered','accepted'))`);
  console.log(
    `checks: classes over capacity ${over?.n}, applications stored ${stored?.n}/${people.length} (lost ${people.length - (stored?.n ?? 0)}), counter drift ${drift?.n}`,
  );
  a.stop();
  b.stop();
  await new Promise((r) => setTimeout(r, 500));
  // The instances seal the audit chain after commit; after they stop the whole chain must verify.
  const chain = await verifyAuditChain(seedDb.db);
  console.log(
    `audit chain after the run: ${chain.ok ? `intact, ${chain.rows} rows` : `BROKEN at id ${chain.brokenId}`}`,
  );
  await seedDb.close();
});
