// The stats.moveAnchors job (stats.jobs.ts): after midnight in China it moves the class totals' anchor of every class
// with class days past its anchor to the new day — the anchor's sums then equal the class's rows up to that day — and
// leaves alone a class already anchored at the day and a finished class whose anchor is past its last day. Real
// database (PGlite, or PostgreSQL with DATABASE_URL).
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/calendar/dates.js';
import type { Database } from '../../src/server/db/client.js';
import { statsClassDays, statsClassTotals } from '../../src/server/db/tables/aggregates.js';
import { runDueJobs } from '../../src/server/jobs/runner.js';
import { jobsOf } from '../../src/server/modules/index.js';
import { moveAnchorsJob } from '../../src/server/modules/stats/stats.jobs.js';
import { bootstrap } from '../../src/server/bootstrap.js';
import { buildOrg } from '../support/factories.js';
import { createTestDatabase } from '../support/db.js';
import { buildClassFor, buildReportingCampaign } from '../support/reports.js';

const DAYS = Array.from({ length: 10 }, (_, i) => addDays('2026-07-06', i));

describe('stats.moveAnchors', () => {
  let database: Database;
  afterAll(async () => {
    await database?.close();
  });
  let ids: { running: number; today: number; finished: number };

  beforeAll(async () => {
    database = await createTestDatabase();
    const db = database.db;
    const now = new Date('2026-07-01T02:00:00Z');
    const { rootId } = await bootstrap(db, { orgName: '锚点测试市总工会', adminPassword: 'Initial-Admin-Pass-2026' });
    const unitId = (await buildOrg(db, { parentId: rootId, name: '锚点测试单位' })).id;
    const campaignId = (await buildReportingCampaign(db, rootId, now)).id;
    const cls = async () => (await buildClassFor(db, { campaignId, unitId, status: 'running', now })).id;
    ids = { running: await cls(), today: await cls(), finished: await cls() };
    // Ten class days each (the finished class's end on the 5th day), present i + 1 on the i-th; anchors at the 2nd day,
    // the 9th (already the job's day) and the 9th again (past the finished class's last day).
    const rows = (classId: number, n: number) =>
      DAYS.slice(0, n).map((day, i) => ({ classId, day, present: i + 1, scheduled: 10, recordsRequired: 2 }));
    await db
      .insert(statsClassDays)
      .values([...rows(ids.running, 10), ...rows(ids.today, 10), ...rows(ids.finished, 5)]);
    const anchor = (classId: number, through: string, n: number, upTo: number) => ({
      classId,
      throughDay: through,
      firstDay: DAYS[0],
      lastDay: DAYS[n - 1],
      days: upTo,
      present: (upTo * (upTo + 1)) / 2,
      scheduled: 10 * upTo,
      recordsRequired: 2 * upTo,
    });
    await db
      .insert(statsClassTotals)
      .values([
        anchor(ids.running, DAYS[1] as string, 10, 2),
        anchor(ids.today, DAYS[8] as string, 10, 9),
        anchor(ids.finished, DAYS[8] as string, 5, 5),
      ]);
  });

  it('moves a running class’s anchor to the new day with the sums of its rows up to it; leaves the others', async () => {
    const db = database.db;
    expect(jobsOf().map((j) => j.id)).toContain('stats.moveAnchors');
    const before = await db
      .select()
      .from(statsClassTotals)
      .where(inArray(statsClassTotals.classId, [ids.today, ids.finished]));
    // 00:05 on the 9th class day (2026-07-14) in China.
    const now = new Date(`${DAYS[8]}T00:05:00+08:00`);
    const [run] = await runDueJobs(db, [moveAnchorsJob], now);
    expect(run).toMatchObject({ status: 'succeeded', result: { moved: 1 } });
    const [moved] = await db.select().from(statsClassTotals).where(eq(statsClassTotals.classId, ids.running));
    expect(moved).toMatchObject({
      throughDay: DAYS[8],
      firstDay: DAYS[0],
      lastDay: DAYS[9],
      days: 9,
      present: 45,
      sick: 0,
      scheduled: 90,
      recordsRequired: 18,
      recordsDone: 0,
    });
    const after = await db
      .select()
      .from(statsClassTotals)
      .where(inArray(statsClassTotals.classId, [ids.today, ids.finished]));
    expect(after).toEqual(before);
    // Run again the same morning: nothing behind any more.
    expect(await moveAnchorsJob.handler(db, now)).toEqual({ moved: 0 });
  });
});
