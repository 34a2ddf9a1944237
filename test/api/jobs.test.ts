/**
 * Background jobs as data (src/server/jobs): a failing job is recorded with its error and retried with back-off,
 * a newer slot supersedes a waiting one, two app instances (on PostgreSQL: two pools) run a due slot once, a run
 * whose instance died is taken over after its lease, and the city administrator sees the jobs at GET /api/jobs.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/server/db/client.js';
import { jobRuns } from '../../src/server/db/schema.js';
import type { JobDefinition } from '../../src/server/jobs/job.js';
import { currentSlot, jobBackoffMs, nextSlot, runDueJobs } from '../../src/server/jobs/runner.js';
import { jobsOf, MODULES } from '../../src/server/modules/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { buildUser, PASSWORD } from '../support/factories.js';

const minuteJob = (id: string, handler: JobDefinition['handler'], extra: Partial<JobDefinition> = {}) =>
  ({ id, description: { zh: id, en: id }, schedule: { kind: 'every', seconds: 60 }, handler, ...extra }) as const;

describe('background jobs', () => {
  let t: TestApp;
  let other: Database | null = null;
  beforeAll(async () => {
    t = await createTestApp();
    // On PostgreSQL a second instance with its own pool, like a second server; on PGlite the one database.
    if (process.env.DATABASE_URL && t.database.url) other = await openDatabase({ databaseUrl: t.database.url });
  });
  afterAll(async () => {
    await other?.close();
    await t.close();
  });
  const runsOf = (id: string) => t.database.db.select().from(jobRuns).where(eq(jobRuns.jobId, id)).orderBy(jobRuns.id);

  it('slots: every N seconds on the boundary; a daily job at its China time, from that moment on', () => {
    const at = new Date('2026-06-01T12:34:56Z'); // 20:34:56 in China
    expect(currentSlot({ kind: 'every', seconds: 60 }, at)?.toISOString()).toBe('2026-06-01T12:34:00.000Z');
    expect(nextSlot({ kind: 'every', seconds: 60 }, at).toISOString()).toBe('2026-06-01T12:35:00.000Z');
    expect(currentSlot({ kind: 'daily', at: '20:00' }, at)?.toISOString()).toBe('2026-06-01T12:00:00.000Z');
    expect(nextSlot({ kind: 'daily', at: '20:00' }, at).toISOString()).toBe('2026-06-02T12:00:00.000Z');
    // 03:30 in China on 2 June is 19:30 UTC on 1 June: not yet at 12:34 UTC.
    expect(currentSlot({ kind: 'daily', at: '03:30' }, at)?.toISOString()).toBe('2026-05-31T19:30:00.000Z');
    expect(currentSlot({ kind: 'daily', at: '21:00' }, at)).toBeNull();
  });

  it('a failure is recorded with its error and retried with back-off until it succeeds', async () => {
    let calls = 0;
    // Hourly, so that its retries fall inside one slot.
    const job = minuteJob(
      'test.flaky',
      async () => {
        calls++;
        if (calls < 3) throw new Error(`boom ${calls}`);
        return { done: calls };
      },
      { schedule: { kind: 'every', seconds: 3600 } },
    );
    const t0 = new Date('2026-06-01T02:00:05Z');
    const first = await runDueJobs(t.database.db, [job], t0);
    expect(first).toMatchObject([{ jobId: 'test.flaky', status: 'failed', attempt: 1 }]);
    let [run] = await runsOf('test.flaky');
    expect(run?.status).toBe('failed');
    expect(run?.error).toContain('boom 1');
    expect(run?.nextAttemptAt?.getTime()).toBe(t0.getTime() + jobBackoffMs(1));
    // Not before its back-off has passed …
    expect(await runDueJobs(t.database.db, [job], new Date(t0.getTime() + 1_000))).toEqual([]);
    // … then again (and it fails again, with the later back-off) …
    const t1 = new Date(t0.getTime() + jobBackoffMs(1));
    expect(await runDueJobs(t.database.db, [job], t1)).toMatchObject([{ status: 'failed', attempt: 2 }]);
    [run] = await runsOf('test.flaky');
    expect(run?.nextAttemptAt?.getTime()).toBe(t1.getTime() + jobBackoffMs(2));
    expect(run?.error).toContain('boom 2');
    // … and the third attempt succeeds, keeping its result; still one row for the slot.
    const t2 = new Date(t1.getTime() + jobBackoffMs(2));
    expect(await runDueJobs(t.database.db, [job], t2)).toMatchObject([{ status: 'succeeded', attempt: 3 }]);
    const runs = await runsOf('test.flaky');
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: 'succeeded', attempt: 3, result: { done: 3 }, nextAttemptAt: null });
    expect(calls).toBe(3);
  });

  it('gives up after its attempts; a newer slot supersedes a run still waiting for its retry', async () => {
    const always = minuteJob(
      'test.broken',
      async () => {
        throw new Error('never works');
      },
      { maxAttempts: 2 },
    );
    const t0 = new Date('2026-06-01T03:00:00Z');
    await runDueJobs(t.database.db, [always], t0);
    await runDueJobs(t.database.db, [always], new Date(t0.getTime() + jobBackoffMs(1)));
    let [run] = await runsOf('test.broken');
    expect(run).toMatchObject({ status: 'failed', attempt: 2, nextAttemptAt: null });
    // Given up: no more attempts in this slot.
    expect(await runDueJobs(t.database.db, [always], new Date(t0.getTime() + 50_000))).toEqual([]);

    let calls = 0;
    const flaky = minuteJob('test.flaky2', async () => {
      calls++;
      if (calls === 1) throw new Error('first slot fails');
      return {};
    });
    await runDueJobs(t.database.db, [flaky], t0);
    // The next minute's slot comes before the first one's retry would: the waiting run is superseded.
    const later = await runDueJobs(t.database.db, [flaky], new Date(t0.getTime() + 60_000));
    expect(later).toMatchObject([{ status: 'succeeded' }]);
    const runs = await runsOf('test.flaky2');
    expect(runs.map((r) => r.status)).toEqual(['superseded', 'succeeded']);
    [run] = runs;
    expect(run?.error).toContain('first slot fails'); // the failure stays on record
  });

  it('two instances at the same moment run a due slot once', async () => {
    let calls = 0;
    const slow = minuteJob('test.once', async () => {
      calls++;
      await new Promise((r) => setTimeout(r, 200));
      return { calls };
    });
    const at = new Date('2026-06-01T04:00:01Z');
    const dbs = [t.database.db, (other ?? t.database).db];
    const outcomes = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        runDueJobs(dbs[i % 2] ?? t.database.db, [slow], at, { instance: `instance-${i % 2}` }),
      ),
    );
    expect(calls).toBe(1);
    expect(outcomes.flat()).toHaveLength(1);
    const runs = await runsOf('test.once');
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: 'succeeded', attempt: 1 });
  });

  it('a run another instance is claiming is skipped, not waited for (PostgreSQL: two pools)', async () => {
    if (!other) return; // PGlite has one connection: there is no second instance to race
    const second = other;
    let calls = 0;
    const job = minuteJob('test.locked', async () => {
      calls++;
      return {};
    });
    const at = new Date('2026-06-01T04:30:00Z');
    await t.database.db
      .insert(jobRuns)
      .values({ jobId: 'test.locked', dueAt: at, status: 'pending', nextAttemptAt: at });
    await t.database.db.transaction(async (tx) => {
      // The first instance holds the row in the middle of its claim.
      await tx.execute(sql`SELECT id FROM job_runs WHERE job_id = 'test.locked' FOR UPDATE`);
      const out = await Promise.race([
        runDueJobs(second.db, [job], at, { instance: 'second' }),
        new Promise((resolve) => setTimeout(() => resolve('waited for the lock'), 3_000)),
      ]);
      expect(out).toEqual([]);
    });
    expect(calls).toBe(0);
  });

  it('a run whose instance died is taken over once its lease has passed, not before', async () => {
    let calls = 0;
    const job = minuteJob(
      'test.lease',
      async () => {
        calls++;
        return {};
      },
      { leaseMs: 30_000 },
    );
    const at = new Date('2026-06-01T05:00:00Z');
    // An instance claimed the slot and died: the row says running, with a lease.
    await t.database.db.insert(jobRuns).values({
      jobId: 'test.lease',
      dueAt: at,
      status: 'running',
      attempt: 1,
      startedAt: at,
      leaseUntil: new Date(at.getTime() + 30_000),
      claimedBy: 'dead',
    });
    expect(await runDueJobs(t.database.db, [job], new Date(at.getTime() + 10_000))).toEqual([]);
    expect(await runDueJobs(t.database.db, [job], new Date(at.getTime() + 31_000))).toMatchObject([
      { status: 'succeeded', attempt: 2 },
    ]);
    expect(calls).toBe(1);
  });

  it('every module job is declared once, and the registry lists each module once', () => {
    const ids = jobsOf().map((j) => j.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'enrolment.expireOffers',
        'enrolment.drawLotteries',
        'attendance.alerts',
        'compliance.dailyReevaluation',
        'reports.reminders',
        'stats.moveAnchors',
        'jobs.prune',
      ]),
    );
    expect(new Set(MODULES.map((m) => m.id)).size).toBe(MODULES.length);
    expect(() => jobsOf([...MODULES, { id: 'again', jobs: [jobsOf()[0] as JobDefinition] }])).toThrow(/twice/);
  });

  it('GET /api/jobs: 401 anonymous, 403 below the city, the list with last run and failure for the city', async () => {
    expect((await t.anonymous().get('/api/jobs')).statusCode).toBe(401);
    const unitAdmin = await buildUser(t.database.db, { role: 'district_admin', orgId: t.rootId });
    expect((await (await t.agent(unitAdmin.username, PASSWORD)).get('/api/jobs')).statusCode).toBe(403);
    const city = await buildUser(t.database.db, { role: 'city_admin', orgId: t.rootId });
    // A failed run of a real job, as the page would show it.
    t.clock.now = new Date('2026-06-01T06:00:30Z');
    await t.database.db.insert(jobRuns).values({
      jobId: 'attendance.alerts',
      dueAt: new Date('2026-06-01T06:00:00Z'),
      status: 'failed',
      attempt: 1,
      startedAt: new Date('2026-06-01T06:00:01Z'),
      finishedAt: new Date('2026-06-01T06:00:02Z'),
      nextAttemptAt: new Date('2026-06-01T06:00:12Z'),
      error: 'Error: connection lost',
    });
    const res = await (await t.agent(city.username, PASSWORD)).get('/api/jobs');
    expect(res.statusCode).toBe(200);
    const jobs = res.json().jobs as { id: string; lastRun: unknown; nextRunAt: string; lastFailure: unknown }[];
    expect(jobs.map((j) => j.id).sort()).toEqual(
      jobsOf()
        .map((j) => j.id)
        .sort(),
    );
    const alerts = jobs.find((j) => j.id === 'attendance.alerts');
    expect(alerts).toMatchObject({
      lastRun: { status: 'failed', attempt: 1, error: 'Error: connection lost' },
      nextRunAt: '2026-06-01T06:00:12.000Z', // the retry comes before the next slot
      lastFailure: { error: 'Error: connection lost', at: '2026-06-01T06:00:02.000Z' },
      failures24h: 1,
    });
    expect(jobs.find((j) => j.id === 'compliance.dailyReevaluation')).toMatchObject({
      lastRun: null,
      nextRunAt: '2026-06-01T12:00:00.000Z',
      schedule: { kind: 'daily', at: '20:00' },
    });
  });
});
