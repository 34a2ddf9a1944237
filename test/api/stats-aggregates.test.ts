// The maintained aggregates (stats_class_days, docs/FIGURES.md "Maintained aggregates"): after any sequence of
// writes — check-ins and status changes on the door's path (deltas by trigger), deletions, places accepted and
// withdrawn, daily records, closures (marks, recomputed by the next read) — the figures read from the aggregates
// equal the same figures computed from scratch by the attendance and daily modules' own reads (attendanceTotals,
// dailyCompleteness, classDaysOf), on every as-of day, and the stored rows equal a rebuild. Real database (PGlite,
// or PostgreSQL with DATABASE_URL).
import { and, eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildCampaign,
  type Campaign,
  mergeOver,
  rollCampaignToYear,
  TEMPLATE_2021,
} from '../../src/domain/campaign/index.js';
import { addDays } from '../../src/domain/calendar/dates.js';
import type { Database } from '../../src/server/db/client.js';
import {
  attendanceDays,
  campaigns,
  careClasses,
  children,
  classUnits,
  dailyRecords,
  enrolments,
  families,
} from '../../src/server/db/schema.js';
import { statsClassDays, statsStaleClasses } from '../../src/server/db/tables/aggregates.js';
import { classDaysOf } from '../../src/server/modules/attendance/attendance.class-days.js';
import { attendanceTotals } from '../../src/server/modules/attendance/attendance.totals.js';
import { dailyCompleteness } from '../../src/server/modules/daily/daily.figures.js';
import { classDayTotals, refreshClassDays, refreshStale } from '../../src/server/modules/stats/stats.aggregates.js';
import { bootstrap } from '../../src/server/bootstrap.js';
import { buildOrg } from '../support/factories.js';
import { createTestDatabase } from '../support/db.js';

// Mostly the class's days (weekdays 07-06 … 07-24), one before, a Saturday after and a Monday after the end.
const WEEKDAYS = Array.from({ length: 19 }, (_, i) => addDays('2026-07-06', i)).filter(
  (d) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()),
);
const DAYS = ['2026-07-03', ...WEEKDAYS, '2026-07-25', '2026-07-27'];
const LAST = DAYS.length - 1;
const KINDS = ['patrol', 'disinfection', 'meal', 'cleaning', 'fire'] as const;
const STATUSES = ['present', 'left', 'sick', 'absent', 'expected'] as const;
const noonChina = (day: string) => new Date(`${day}T10:00:00+08:00`);

type Cmd =
  | { k: 'tap'; c: number; child: number; day: number; status: (typeof STATUSES)[number] }
  | { k: 'delete'; c: number; child: number; day: number }
  | { k: 'accept'; c: number; child: number; day: number }
  | { k: 'withdraw'; c: number; child: number; day: number }
  | { k: 'record'; c: number; kind: (typeof KINDS)[number]; day: number }
  | { k: 'close'; c: number; day: number }
  | { k: 'read'; day: number };

const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      k: fc.constant('tap' as const),
      c: fc.nat(1),
      child: fc.nat(4),
      day: fc.nat(LAST),
      status: fc.constantFrom(...STATUSES),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ k: fc.constant('delete' as const), c: fc.nat(1), child: fc.nat(4), day: fc.nat(LAST) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ k: fc.constant('accept' as const), c: fc.nat(1), child: fc.nat(4), day: fc.nat(LAST) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ k: fc.constant('withdraw' as const), c: fc.nat(1), child: fc.nat(4), day: fc.nat(LAST) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      k: fc.constant('record' as const),
      c: fc.nat(1),
      kind: fc.constantFrom(...KINDS),
      day: fc.nat(LAST),
    }),
  },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('close' as const), c: fc.nat(1), day: fc.nat(LAST) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('read' as const), day: fc.nat(LAST) }) },
);

describe('maintained statistics aggregates', { timeout: 600_000 }, () => {
  let database: Database;
  let unitId: number;
  let campaignId: number;
  const kids: { id: number; familyId: number }[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    const db = database.db;
    const { rootId } = await bootstrap(db, { orgName: '聚合测试市总工会', adminPassword: 'Initial-Admin-Pass-2026' });
    unitId = (await buildOrg(db, { parentId: rootId, name: '聚合测试单位' })).id;
    const built = buildCampaign(mergeOver(rollCampaignToYear(TEMPLATE_2021, 2026), { name: '聚合测试项目' }));
    if (!built.ok) throw new Error('campaign');
    const params = built.campaign as Campaign;
    const [camp] = await db
      .insert(campaigns)
      .values({
        orgId: unitId,
        name: params.name,
        year: 2026,
        holidayType: params.holidayType,
        status: 'active',
        params,
      })
      .returning();
    campaignId = camp?.id ?? 0;
    for (let i = 0; i < 5; i++) {
      const [f] = await db
        .insert(families)
        .values({ name: `聚合家庭${i}` } as typeof families.$inferInsert)
        .returning();
      const [k] = await db
        .insert(children)
        .values({ familyId: f?.id ?? 0, name: `聚合儿童${i}`, birthDate: '2018-01-01', grade: String((i % 6) + 1) })
        .returning();
      kids.push({ id: k?.id ?? 0, familyId: f?.id ?? 0 });
    }
  });
  afterAll(async () => {
    await database?.close();
  });

  async function newClasses(): Promise<number[]> {
    const db = database.db;
    const ids: number[] = [];
    for (const meals of ['lunch', 'none']) {
      const [c] = await db
        .insert(careClasses)
        .values({
          campaignId,
          orgId: unitId,
          name: `聚合测试班${Date.now()}${meals}`,
          mode: 'standalone',
          management: 'union',
          startDate: '2026-07-06',
          endDate: '2026-07-24',
          dailyStart: '08:00',
          dailyEnd: '17:30',
          capacity: 10,
          meals,
          status: 'running',
        } as typeof careClasses.$inferInsert)
        .returning();
      const id = c?.id ?? 0;
      await db.insert(classUnits).values({ classId: id, orgId: unitId, isOwner: true });
      ids.push(id);
    }
    // Three of the five children hold a place from the start (accepted before it).
    for (const id of ids)
      for (const k of kids.slice(0, 3))
        await db.insert(enrolments).values({
          classId: id,
          childId: k.id,
          familyId: k.familyId,
          appliedBy: 1,
          status: 'accepted',
          appliedAt: noonChina('2026-07-01'),
          acceptedAt: noonChina('2026-07-01'),
        });
    await refreshStale(db, ids);
    return ids;
  }

  async function apply(ids: number[], m: Cmd) {
    const db = database.db;
    if (m.k === 'read') {
      await classDayTotals(
        db,
        ids.map((id) => ({ id, campaignId })),
        DAYS[m.day] as string,
      );
      return;
    }
    const classId = ids[m.c] as number;
    const day = DAYS[m.day] as string;
    if (m.k === 'tap') {
      const child = kids[m.child] as { id: number };
      await db
        .insert(attendanceDays)
        .values({ classId, childId: child.id, day, status: m.status, updatedAt: new Date() })
        .onConflictDoUpdate({
          target: [attendanceDays.classId, attendanceDays.childId, attendanceDays.day],
          set: { status: m.status },
        });
    } else if (m.k === 'delete') {
      const child = kids[m.child] as { id: number };
      await db
        .delete(attendanceDays)
        .where(
          and(eq(attendanceDays.classId, classId), eq(attendanceDays.childId, child.id), eq(attendanceDays.day, day)),
        );
    } else if (m.k === 'accept') {
      const child = kids[m.child] as { id: number; familyId: number };
      const live = await db
        .select()
        .from(enrolments)
        .where(
          and(eq(enrolments.classId, classId), eq(enrolments.childId, child.id), eq(enrolments.status, 'accepted')),
        );
      if (live.length === 0)
        await db.insert(enrolments).values({
          classId,
          childId: child.id,
          familyId: child.familyId,
          appliedBy: 1,
          status: 'accepted',
          appliedAt: noonChina(day),
          acceptedAt: noonChina(day),
        });
    } else if (m.k === 'withdraw') {
      const child = kids[m.child] as { id: number };
      await db
        .update(enrolments)
        .set({ status: 'withdrawn', withdrawnAt: noonChina(day) })
        .where(
          and(eq(enrolments.classId, classId), eq(enrolments.childId, child.id), eq(enrolments.status, 'accepted')),
        );
    } else if (m.k === 'record') {
      await db.insert(dailyRecords).values({
        classId,
        day,
        kind: m.kind,
        time: '09:00',
        data: {},
        recordedBy: 1,
        recordedAt: new Date(),
      } as typeof dailyRecords.$inferInsert);
    } else if (m.k === 'close') {
      await db
        .update(careClasses)
        .set({
          closedDates: sql`(SELECT coalesce(jsonb_agg(DISTINCT d), '[]'::jsonb) FROM jsonb_array_elements_text(${careClasses.closedDates} || ${JSON.stringify([day])}::jsonb) d)`,
        })
        .where(eq(careClasses.id, classId));
    }
  }

  /** A withdrawn child in the room on or after the withdrawal: before their last day the span is not known yet. */
  async function lateAfterWithdrawal(classId: number): Promise<string | null> {
    const r = await database.db.execute<{ last: string | null }>(sql`
      SELECT max(d.day) AS last FROM attendance_days d JOIN enrolments e ON e.class_id = d.class_id AND e.child_id = d.child_id
       WHERE d.class_id = ${classId} AND e.status = 'withdrawn' AND d.status IN ('present', 'left')
         AND NOT EXISTS (SELECT 1 FROM enrolments l WHERE l.class_id = d.class_id AND l.child_id = d.child_id AND l.status = 'accepted')
         AND d.day >= to_char(e.withdrawn_at AT TIME ZONE 'UTC' + interval '8 hours', 'YYYY-MM-DD')`);
    const rows = (Array.isArray(r) ? r : (r as { rows: { last: string | null }[] }).rows) as { last: string | null }[];
    return rows[0]?.last ?? null;
  }

  it('property: after random writes the aggregates equal a computation from scratch, on every as-of day', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(cmd, { minLength: 5, maxLength: 40 }), async (cmds) => {
        const db = database.db;
        const ids = await newClasses();
        for (const m of cmds) await apply(ids, m);
        const [cls0, cls1] = await db
          .select()
          .from(careClasses)
          .where(sql`${careClasses.id} IN (${ids[0]}, ${ids[1]})`);
        const classes = [cls0, cls1].filter((c) => !!c) as (typeof careClasses.$inferSelect)[];
        for (const asOf of DAYS) {
          const mine = await classDayTotals(db, classes, asOf);
          const attendance = await attendanceTotals(db, classes, asOf);
          const records = await dailyCompleteness(db, classes, asOf);
          for (const c of classes) {
            const m = mine.get(c.id);
            const late = await lateAfterWithdrawal(c.id);
            if (!late || asOf >= late) {
              expect({ asOf, classId: c.id, present: m?.presentChildDays, scheduled: m?.scheduledChildDays }).toEqual({
                asOf,
                classId: c.id,
                present: attendance.get(c.id)?.presentChildDays,
                scheduled: attendance.get(c.id)?.scheduledChildDays,
              });
            }
            expect({ asOf, required: m?.recordsRequired, done: m?.recordsDone }).toEqual({
              asOf,
              required: records.get(c.id)?.required,
              done: records.get(c.id)?.done,
            });
            const days = (await classDaysOf(db, c)).filter((d) => d <= asOf).length;
            expect(m?.days).toBe(days);
          }
        }
        // The stored rows are those a rebuild writes.
        const read = () =>
          db
            .select()
            .from(statsClassDays)
            .where(sql`${statsClassDays.classId} IN (${ids[0]}, ${ids[1]})`)
            .orderBy(statsClassDays.classId, statsClassDays.day);
        const maintained = await read();
        await refreshClassDays(db, ids);
        expect(maintained).toEqual(await read());
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 12) },
    );
  });

  it('a check-in of a child holding a place is a delta (nothing stale); one without a place marks the class', async () => {
    const db = database.db;
    const ids = await newClasses();
    const classId = ids[0] as number;
    const kid = kids[0] as { id: number };
    await db
      .insert(attendanceDays)
      .values({ classId, childId: kid.id, day: '2026-07-07', status: 'present', updatedAt: new Date() });
    const stale = await db.select().from(statsStaleClasses).where(eq(statsStaleClasses.classId, classId));
    expect(stale).toEqual([]);
    const [row] = await db
      .select()
      .from(statsClassDays)
      .where(and(eq(statsClassDays.classId, classId), eq(statsClassDays.day, '2026-07-07')));
    expect(row?.present).toBe(1);
    const stranger = kids[4] as { id: number };
    await db
      .insert(attendanceDays)
      .values({ classId, childId: stranger.id, day: '2026-07-07', status: 'present', updatedAt: new Date() });
    expect(await db.select().from(statsStaleClasses).where(eq(statsStaleClasses.classId, classId))).toHaveLength(1);
    // The next read recomputes it: the stranger holds no place and does not count.
    const totals = await classDayTotals(db, [{ id: classId, campaignId }], '2026-07-07');
    expect(totals.get(classId)?.presentChildDays).toBe(1);
    expect(await db.select().from(statsStaleClasses).where(eq(statsStaleClasses.classId, classId))).toEqual([]);
  });
});
