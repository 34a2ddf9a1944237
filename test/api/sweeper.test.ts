import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ruleVerdicts } from '../../src/server/db/schema.js';
import { runDueJobs } from '../../src/server/jobs/runner.js';
import { jobsOf } from '../../src/server/modules/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { buildRunningClass, type RunningClass } from '../support/attendance.js';

describe("the modules' background jobs, run as every instance runs them", () => {
  let t: TestApp;
  let rc: RunningClass;
  beforeAll(async () => {
    t = await createTestApp();
    rc = await buildRunningClass(t, { children: 3, paperwork: true });
  });
  afterAll(() => t.close());

  const pass = async () => {
    const out = await runDueJobs(t.database.db, jobsOf(), t.clock.now);
    const result = (id: string) => out.find((o) => o.jobId === id)?.result ?? {};
    expect(out.filter((o) => o.status === 'failed')).toEqual([]);
    return {
      arrivalAlerts: Number(result('attendance.alerts').arrivalAlerts ?? 0),
      reevaluated: Number(result('compliance.dailyReevaluation').reevaluated ?? 0),
      ran: out.map((o) => o.jobId),
    };
  };

  it('raises the arrival alert once after 09:30 and re-evaluates running classes once a day after closing', async () => {
    t.clock.now = new Date('2026-06-01T00:30:00Z'); // 08:30 in China: nothing due yet
    expect(await pass()).toMatchObject({ arrivalAlerts: 0, reevaluated: 0 });
    t.clock.now = new Date('2026-06-01T01:31:00Z'); // 09:31
    expect((await pass()).arrivalAlerts).toBe(3); // the three children not arrived
    t.clock.now = new Date('2026-06-01T01:32:00Z');
    expect((await pass()).arrivalAlerts).toBe(0); // never twice
    // The same minute again: the slot has run, nothing runs.
    expect((await pass()).ran).toEqual([]);
    const verdicts = async () =>
      (await t.database.db.select().from(ruleVerdicts).where(eq(ruleVerdicts.classId, rc.classId))).filter(
        (v) => v.trigger === 'attendance.daily',
      ).length;
    t.clock.now = new Date('2026-06-01T12:30:00Z'); // 20:30: the day is over
    expect((await pass()).reevaluated).toBeGreaterThanOrEqual(1);
    expect(await verdicts()).toBe(1);
    // Later the same evening (or another instance) it is not repeated; the next evening it is.
    t.clock.now = new Date('2026-06-01T13:30:00Z');
    expect((await pass()).reevaluated).toBe(0);
    t.clock.now = new Date('2026-06-02T12:30:00Z');
    expect((await pass()).reevaluated).toBeGreaterThanOrEqual(1);
    expect(await verdicts()).toBe(2);
  });
});
