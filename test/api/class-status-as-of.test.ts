// A class's status as of a moment (ownedClasses / ownedClassesSql, what every figure and the dashboard count by)
// reads the head of its timeline kept on the class (care_classes.last_transition_*, a trigger on class_transitions)
// and probes the timeline only for a moment before that head. After any sequence of transitions — at equal times,
// added out of order, several in one statement, comments (same status), classes without a timeline, classes created
// late — the status at every moment equals the one computed from the whole timeline, and the head equals the
// timeline's latest row; a head left wrong (a bulk load with the triggers off) is put right by rebuildAggregates
// (`tuoguan stats rebuild-aggregates`). Real database (PGlite, or PostgreSQL with DATABASE_URL).
import { inArray } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/server/db/client.js';
import { careClasses, classTransitions, classUnits } from '../../src/server/db/schema.js';
import { rebuildAggregates } from '../../src/server/modules/stats/stats.aggregates.js';
import { ownedClasses } from '../../src/server/modules/stats/stats.repo.js';
import { bootstrap } from '../../src/server/bootstrap.js';
import { buildOrg } from '../support/factories.js';
import { createTestDatabase } from '../support/db.js';
import { buildReportingCampaign } from '../support/reports.js';

const STATUSES = ['draft', 'submitted', 'returned', 'approved', 'open', 'running', 'closed'] as const;
/** A few moments an hour apart, so that transitions share times and bounds fall on them, before and after them. */
const T0 = Date.parse('2026-06-01T00:00:00Z');
const moment = (i: number) => new Date(T0 + i * 3_600_000);
const MOMENTS = 8;

type Cmd =
  /** Transitions added in one statement (in the order given: later times may come first). */
  | { k: 'add'; rows: { c: number; at: number; to: (typeof STATUSES)[number]; comment: boolean }[] }
  /** The heads overwritten with nonsense (as a load with the triggers off leaves them), then rebuilt. */
  | { k: 'rebuild' };

const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      k: fc.constant('add' as const),
      rows: fc.array(
        fc.record({
          c: fc.nat(2),
          at: fc.nat(MOMENTS - 1),
          to: fc.constantFrom(...STATUSES),
          comment: fc.boolean(),
        }),
        { minLength: 1, maxLength: 3 },
      ),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ k: 'rebuild' as const }) },
);

describe('the status of a class as of a moment', () => {
  let database: Database;
  let rootId: number;
  let campaignId: number;
  let run = 0;

  beforeAll(async () => {
    database = await createTestDatabase();
    const db = database.db;
    ({ rootId } = await bootstrap(db, { orgName: '状态测试市总工会', adminPassword: 'Initial-Admin-Pass-2026' }));
    campaignId = (await buildReportingCampaign(db, rootId, moment(0))).id;
  });

  afterAll(async () => {
    await database?.close();
  });

  it('reads the timeline head and equals the whole timeline at every moment', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat(MOMENTS - 1), { minLength: 3, maxLength: 3 }),
        fc.array(cmd, { minLength: 1, maxLength: 12 }),
        async (created, cmds) => {
          const db = database.db;
          // Fresh classes in a fresh unit for each run: a timeline is never rewritten.
          const unitId = (await buildOrg(db, { parentId: rootId, name: `状态测试单位${++run}` })).id;
          const ids: number[] = [];
          for (const [i, c] of created.entries()) {
            const [row] = await db
              .insert(careClasses)
              .values({
                campaignId,
                orgId: unitId,
                name: `状态测试班${run}-${i}`,
                mode: 'standalone',
                management: 'union',
                // The current status, which a class without a timeline keeps once created.
                status: 'running',
                createdAt: moment(c),
              })
              .returning();
            if (!row) throw new Error('class');
            ids.push(row.id);
            await db.insert(classUnits).values({ classId: row.id, orgId: unitId, isOwner: true });
          }
          for (const x of cmds) {
            if (x.k === 'add') {
              await db.insert(classTransitions).values(
                x.rows.map((r) => ({
                  classId: ids[r.c] ?? 0,
                  fromStatus: r.to,
                  toStatus: r.to,
                  comment: r.comment ? '意见' : null,
                  at: moment(r.at),
                })),
              );
            } else {
              await db
                .update(careClasses)
                .set({ lastTransitionAt: moment(-1), lastTransitionId: -1, lastTransitionStatus: 'archived' })
                .where(inArray(careClasses.id, ids));
              await rebuildAggregates(db);
            }
            await expectAsTimeline(database, campaignId, unitId, ids);
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});

/** The heads and the statuses at every moment (on each one, between two, before all, after all) as the timeline says. */
async function expectAsTimeline(database: Database, campaignId: number, unitId: number, ids: number[]) {
  const db = database.db;
  const classes = await db.select().from(careClasses).where(inArray(careClasses.id, ids));
  const rows = await db
    .select()
    .from(classTransitions)
    .where(inArray(classTransitions.classId, ids))
    .orderBy(classTransitions.at, classTransitions.id);
  const latest = (classId: number, before?: Date) =>
    rows.filter((t) => t.classId === classId && (!before || t.at < before)).at(-1);
  for (const c of classes) {
    const head = latest(c.id);
    expect({ at: c.lastTransitionAt, id: c.lastTransitionId, status: c.lastTransitionStatus }).toEqual({
      at: head?.at ?? null,
      id: head?.id ?? null,
      status: head?.toStatus ?? null,
    });
  }
  for (let i = -1; i <= 2 * MOMENTS; i++) {
    const bound = new Date(T0 + (i * 3_600_000) / 2);
    const expected = classes
      .map((c) => {
        const created = c.createdAt < bound;
        const hasTimeline = rows.some((t) => t.classId === c.id);
        const status = !hasTimeline
          ? created
            ? c.status
            : null
          : (latest(c.id, bound)?.toStatus ?? (created ? 'draft' : null));
        return { id: c.id, status };
      })
      .filter((c) => c.status !== null)
      .sort((a, b) => a.id - b.id);
    const read = (await ownedClasses(db, campaignId, [unitId], bound)).map((c) => ({ id: c.id, status: c.status }));
    expect(read, `as of ${bound.toISOString()}`).toEqual(expected);
  }
}
