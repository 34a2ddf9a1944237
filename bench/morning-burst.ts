/**
 * `npm run bench:burst` — the morning burst of issue 6 on PostgreSQL: N classes × M children checked in through the
 * API (POST /api/attendance/events, one event per tap, as a door phone that is online sends them) by each class's
 * staff member, C requests in flight over two app instances. Reports check-ins/s and p50/p99 against the same
 * baseline route as the enrolment benchmark (session + CSRF + one INSERT) in the same run, then replays the whole
 * burst and checks that nothing changed (exactly once): same number of events, same day states. Baseline and burst
 * run in alternating slices so that other load on the machine weighs on both alike.
 *
 * The instances' clock is set to a class day's morning (BENCH_NOW), so the run does not depend on today's date.
 * Options: --classes 2000 --children 40 --concurrency 200 --batch 1
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { type Database, openDatabase } from '../src/server/db/client.js';
import {
  arg,
  type Caller,
  fire,
  fireInterleaved,
  formatFigures,
  instance,
  seqRowsPerRequest,
  seqRowsRead,
  seedCityWithUnits,
  sessionsFor,
  withScratchDatabase,
} from './support.js';

const CLASSES = arg('classes', 2000);
const CHILDREN = arg('children', 40);
const CONCURRENCY = arg('concurrency', 200);
const BATCH = arg('batch', 1);
// Wednesday 8 July 2026, 08:00 in China: a working day inside the classes' dates.
const NOW = '2026-07-08T00:00:00.000Z';
const DAY = '2026-07-08';
/** The tables a tap reads, watched for sequential scans. */
const TAP_TABLES = ['attendance_days', 'attendance_events', 'class_units', 'organizations', 'sessions'];

async function seed(database: Database) {
  const db = database.db;
  await seedCityWithUnits(database, CLASSES);
  const exec = (q: ReturnType<typeof sql>) => db.execute(q);
  await exec(sql`INSERT INTO care_classes (campaign_id, org_id, name, mode, management, start_date, end_date, daily_start,
      daily_end, capacity, status)
    SELECT c.id, u.id, '压测班' || u.id, 'standalone', 'union', '2026-07-06', '2026-08-14', '08:00', '17:30', ${CHILDREN}, 'running'
      FROM organizations u, campaigns c WHERE u.kind = 'unit'`);
  await exec(sql`INSERT INTO class_units (class_id, org_id, is_owner) SELECT id, org_id, true FROM care_classes`);
  // One staff member per class (class_staff on its unit, head of its roster).
  await exec(sql`INSERT INTO users (username, display_name, password_hash)
    SELECT 'staff' || c.id, '老师' || c.id, 'x' FROM care_classes c`);
  await exec(sql`INSERT INTO role_grants (user_id, role, org_id)
    SELECT u.id, 'class_staff', c.org_id FROM care_classes c JOIN users u ON u.username = 'staff' || c.id`);
  await exec(sql`INSERT INTO class_staff (class_id, user_id, name, role)
    SELECT c.id, u.id, u.display_name, 'head' FROM care_classes c JOIN users u ON u.username = 'staff' || c.id`);
  // Families: one guardian (a user) and one child each, M children enrolled (accepted) per class.
  const kids = CLASSES * CHILDREN;
  await exec(sql`INSERT INTO families (id) SELECT g FROM generate_series(1, ${kids}) g`);
  await exec(sql`SELECT setval(pg_get_serial_sequence('families','id'), ${kids})`);
  await exec(sql`INSERT INTO users (username, display_name, password_hash)
    SELECT 'parent' || g, '家长' || g, 'x' FROM generate_series(1, ${kids}) g`);
  await exec(sql`INSERT INTO guardians (user_id, family_id, employer_org_id, status)
    SELECT u.id, substr(u.username, 7)::int, c.org_id, 'verified'
      FROM users u JOIN care_classes c ON c.id = (SELECT min(id) FROM care_classes) + (substr(u.username, 7)::int - 1) / ${CHILDREN}
     WHERE u.username LIKE 'parent%'`);
  await exec(sql`INSERT INTO children (family_id, name, birth_date, grade)
    SELECT g, '孩子' || g, '2017-01-01', '3' FROM generate_series(1, ${kids}) g`);
  await exec(
    sql`INSERT INTO pickup_adults (child_id, name, relation, allowed) SELECT id, '家长', 'parent', true FROM children`,
  );
  await exec(sql`INSERT INTO enrolments (class_id, child_id, family_id, applied_by, status, applied_at, accepted_at)
    SELECT g.employer_org_id_class, ch.id, ch.family_id, g.user_id, 'accepted', '2026-06-20T02:00:00Z', '2026-06-25T02:00:00Z'
      FROM children ch JOIN (SELECT gu.*, c.id AS employer_org_id_class FROM guardians gu JOIN care_classes c ON c.org_id = gu.employer_org_id) g
        ON g.family_id = ch.family_id`);
  await exec(
    sql`INSERT INTO class_enrolment (class_id, places_taken) SELECT class_id, count(*) FROM enrolments GROUP BY class_id`,
  );
  // Paperwork before care (P-R7): without its unit's agreement signed and a confirmed insurance covering the day,
  // the door refuses a check-in (PAPERWORK_MISSING) — every place has both, as a class ready to run.
  await exec(sql`INSERT INTO agreement_texts (org_id, version, title, body, sha256, published_at)
    SELECT DISTINCT c.org_id, 1, '托管协议', '协议正文', 'bench', '2026-06-01T00:00:00Z'::timestamptz FROM care_classes c`);
  await exec(sql`INSERT INTO agreement_signatures (enrolment_id, agreement_text_id, signer_user_id, typed_name, text_sha256, signed_at)
    SELECT e.id, t.id, e.applied_by, '家长', 'bench', '2026-06-26T02:00:00Z'::timestamptz
      FROM enrolments e JOIN care_classes c ON c.id = e.class_id JOIN agreement_texts t ON t.org_id = c.org_id`);
  await exec(sql`INSERT INTO insurance_proofs (enrolment_id, insurer, policy_no, period_start, period_end, uploaded_by,
      uploaded_at, status, reviewed_at)
    SELECT e.id, '保险公司', 'P' || e.id, '2026-07-01', '2026-08-31', e.applied_by, '2026-06-26T02:00:00Z',
           'confirmed', '2026-06-27T02:00:00Z' FROM enrolments e`);
  await exec(sql`CREATE TABLE bench_baseline (id serial PRIMARY KEY, user_id int, at timestamptz DEFAULT now())`);
  const staff = await database.rows<{ user_id: number; class_id: number }>(sql`
    SELECT s.user_id, s.class_id FROM class_staff s`);
  const sessions = await sessionsFor(
    db,
    staff.map((s) => s.user_id),
    new Date(NOW),
  );
  const taps = await database.rows<{ class_id: number; child_id: number; user_id: number }>(sql`
    SELECT e.class_id, e.child_id, s.user_id FROM enrolments e JOIN class_staff s ON s.class_id = e.class_id ORDER BY e.child_id`);
  // The morning: children arrive class by class interleaved (every class's first child, then every second, …).
  taps.sort((a, b) => (a.child_id % CHILDREN) - (b.child_id % CHILDREN) || a.class_id - b.class_id);
  const at = new Date(NOW).getTime();
  return taps.map((t, i) => ({
    ...(sessions.get(t.user_id) as Caller),
    event: {
      clientId: randomUUID(),
      classId: t.class_id,
      childId: t.child_id,
      kind: 'check_in' as const,
      occurredAt: new Date(at + i * 5).toISOString(),
    },
  }));
}

type Tap = Awaited<ReturnType<typeof seed>>[number];

/** Groups taps of the same class into requests of BATCH events (a phone flushing its queue). */
function requests(taps: Tap[]): (Caller & { events: Tap['event'][] })[] {
  if (BATCH <= 1) return taps.map((t) => ({ cookie: t.cookie, csrf: t.csrf, events: [t.event] }));
  const byClass = new Map<number, Tap[]>();
  for (const t of taps) byClass.set(t.event.classId, [...(byClass.get(t.event.classId) ?? []), t]);
  const out: (Caller & { events: Tap['event'][] })[] = [];
  for (const list of byClass.values())
    for (let i = 0; i < list.length; i += BATCH) {
      const chunk = list.slice(i, i + BATCH);
      const first = chunk[0] as Tap;
      out.push({ cookie: first.cookie, csrf: first.csrf, events: chunk.map((c) => c.event) });
    }
  return out;
}

async function state(database: Database) {
  const [r] = await database.rows<{ events: number; present: number; digest: string }>(sql`
    SELECT (SELECT count(*)::int FROM attendance_events) AS events,
           (SELECT count(*)::int FROM attendance_days WHERE day = ${DAY} AND check_in_at IS NOT NULL) AS present,
           (SELECT md5(coalesce(string_agg(class_id || ':' || child_id || ':' || status || ':' || coalesce(check_in_event_id::text, ''), ',' ORDER BY class_id, child_id), ''))
              FROM attendance_days WHERE day = ${DAY}) AS digest`);
  return r;
}

await withScratchDatabase(async (url) => {
  const database = await openDatabase({ databaseUrl: url });
  const t0 = performance.now();
  const taps = await seed(database);
  const reqs = requests(taps);
  console.log(
    `seeded ${CLASSES} classes × ${CHILDREN} children (${taps.length} check-ins, ${reqs.length} requests of ≤ ${BATCH}) in ${Math.round(performance.now() - t0)} ms`,
  );
  const env = { BENCH_NOW: NOW };
  const a = await instance(url, env);
  const b = await instance(url, env);
  const ports = [a.port, b.port];
  try {
    const scansBefore = await seqRowsRead(database, TAP_TABLES);
    // Baseline and burst alternate in slices, so that whatever else loads the machine weighs on both alike.
    const [baseline, burst] = await fireInterleaved(
      ports,
      reqs,
      CONCURRENCY,
      () => ['/bench/baseline', {}],
      (r) => ['/api/attendance/events', { events: r.events }],
    );
    const burstSecs = reqs.length / burst.rps;
    const eventsPerSec = taps.length / burstSecs;
    console.log(
      `baseline (session + CSRF + 1 INSERT), 2 instances, ${CONCURRENCY} in flight: ${formatFigures(baseline)}`,
    );
    console.log(`check-in requests, 2 instances, ${CONCURRENCY} in flight:              ${formatFigures(burst)}`);
    console.log(
      `check-in events: ${Math.round(eventsPerSec)}/s; whole burst in ${burstSecs.toFixed(1)} s (target: within 600 s)`,
    );
    console.log(`ratio requests/baseline: ${(burst.rps / baseline.rps).toFixed(2)} (target ≥ 0.5)`);
    console.log(
      `rows read by sequential scans during the burst (≈ 0 expected): ${await seqRowsPerRequest(database, scansBefore, reqs.length)}`,
    );
    const first = await state(database);
    const replay = await fire(ports, reqs, CONCURRENCY, (r) => ['/api/attendance/events', { events: r.events }]);
    const second = await state(database);
    const same = first?.events === second?.events && first?.digest === second?.digest;
    console.log(`replay of the whole burst: ${formatFigures(replay)}`);
    console.log(
      `checks: events stored ${first?.events}/${taps.length}, children present ${first?.present}; after the replay ${second?.events} events — ${same ? 'nothing changed' : 'CHANGED'}`,
    );
  } finally {
    a.stop();
    b.stop();
    await new Promise((r) => setTimeout(r, 500));
    await database.close();
  }
});
