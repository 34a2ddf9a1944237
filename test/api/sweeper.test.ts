import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ruleVerdicts } from '../../src/server/db/schema.js';
import { sweepOnce } from '../../src/server/jobs/sweeper.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { buildRunningClass, type RunningClass } from '../support/attendance.js';

describe('the sweeper every instance runs', () => {
  let t: TestApp;
  let rc: RunningClass;
  beforeAll(async () => {
    t = await createTestApp();
    rc = await buildRunningClass(t, { children: 3, paperwork: true });
  });
  afterAll(() => t.close());

  it('raises the arrival alert once after 09:30 and re-evaluates running classes once a day after closing', async () => {
    t.clock.now = new Date('2026-06-01T00:30:00Z'); // 08:30 in China: nothing due yet
    expect(await sweepOnce(t.database.db, t.clock.now)).toMatchObject({ arrivalAlerts: 0, reevaluated: 0 });
    t.clock.now = new Date('2026-06-01T01:31:00Z'); // 09:31
    expect((await sweepOnce(t.database.db, t.clock.now)).arrivalAlerts).toBe(3); // the three children not arrived
    expect((await sweepOnce(t.database.db, t.clock.now)).arrivalAlerts).toBe(0); // never twice
    const verdicts = async () =>
      (await t.database.db.select().from(ruleVerdicts).where(eq(ruleVerdicts.classId, rc.classId))).filter(
        (v) => v.trigger === 'attendance.daily',
      ).length;
    t.clock.now = new Date('2026-06-01T12:30:00Z'); // 20:30: the day is over
    const evening = await sweepOnce(t.database.db, t.clock.now);
    expect(evening.reevaluated).toBeGreaterThanOrEqual(1);
    expect(await verdicts()).toBe(1);
    // A second sweep (or another instance) the same evening does not repeat it; the next evening does.
    expect((await sweepOnce(t.database.db, t.clock.now)).reevaluated).toBe(0);
    t.clock.now = new Date('2026-06-02T12:30:00Z');
    expect((await sweepOnce(t.database.db, t.clock.now)).reevaluated).toBeGreaterThanOrEqual(1);
    expect(await verdicts()).toBe(2);
  });
});
