/**
 * Runs the registered jobs on their schedules, on any number of app instances. Each pass:
 * 1. for every job whose current slot has come, inserts its run (`job_runs`, unique per job and slot: the first
 *    instance wins) and marks older waiting runs of the job superseded (the new slot does the same work);
 * 2. claims due runs one at a time (`FOR UPDATE SKIP LOCKED`, then a lease), runs the handler outside any
 *    transaction, and records success with its result, or the failure with its error and a retry time
 *    (back-off), until the job's attempts are used up. A run whose instance died is taken over when its lease ends.
 * Nothing is swallowed: every failure is a row with its error, and the runner's own failures reach the log.
 */
import { and, eq, inArray, isNotNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { jobRuns } from '../db/schema.js';
import type { JobDefinition, JobSchedule } from './job.js';

const CHINA_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
/** 10 s, 1 min, 5 min, 30 min, then every 2 h. */
const BACKOFF_MS = [10_000, 60_000, 300_000, 1_800_000, 7_200_000];
const DEFAULT_MAX_ATTEMPTS = 5;
const DEFAULT_LEASE_MS = 10 * 60_000;

export function jobBackoffMs(attempt: number): number {
  return BACKOFF_MS[Math.min(Math.max(attempt, 1), BACKOFF_MS.length) - 1] as number;
}

/** Minutes after midnight of `HH:MM`. */
function minutesOf(at: string): number {
  const [h, m] = at.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** The latest slot of the schedule at or before `now` (for a daily job: today's, in China, once its time has come). */
export function currentSlot(s: JobSchedule, now: Date): Date | null {
  const t = now.getTime();
  if (s.kind === 'every') return new Date(Math.floor(t / (s.seconds * 1000)) * s.seconds * 1000);
  const chinaMidnight = Math.floor((t + CHINA_OFFSET_MS) / DAY_MS) * DAY_MS - CHINA_OFFSET_MS;
  const slot = chinaMidnight + minutesOf(s.at) * 60_000;
  return slot <= t ? new Date(slot) : null;
}

/** The first slot after `now`. */
export function nextSlot(s: JobSchedule, now: Date): Date {
  const t = now.getTime();
  if (s.kind === 'every') return new Date((Math.floor(t / (s.seconds * 1000)) + 1) * s.seconds * 1000);
  const chinaMidnight = Math.floor((t + CHINA_OFFSET_MS) / DAY_MS) * DAY_MS - CHINA_OFFSET_MS;
  const today = chinaMidnight + minutesOf(s.at) * 60_000;
  return new Date(today > t ? today : today + DAY_MS);
}

/** Step 1: makes the runs of the slots that have come (idempotent across instances). */
async function scheduleDue(db: Db, jobs: readonly JobDefinition[], now: Date): Promise<void> {
  for (const job of jobs) {
    const slot = currentSlot(job.schedule, now);
    if (!slot) continue;
    const made = await db
      .insert(jobRuns)
      .values({ jobId: job.id, dueAt: slot, status: 'pending', nextAttemptAt: slot })
      .onConflictDoNothing()
      .returning({ id: jobRuns.id });
    if (made.length)
      await db
        .update(jobRuns)
        .set({ status: 'superseded', nextAttemptAt: null, finishedAt: now })
        .where(and(eq(jobRuns.jobId, job.id), lt(jobRuns.dueAt, slot), inArray(jobRuns.status, ['pending', 'failed'])));
  }
}

type RunRow = typeof jobRuns.$inferSelect;

/** Step 2: claims one due run of these jobs, or none. */
async function claimOne(
  db: Db,
  jobs: readonly JobDefinition[],
  now: Date,
  instance: string,
): Promise<RunRow | undefined> {
  return db.transaction(async (tx) => {
    const [due] = await tx
      .select()
      .from(jobRuns)
      .where(
        and(
          inArray(
            jobRuns.jobId,
            jobs.map((j) => j.id),
          ),
          or(
            and(
              inArray(jobRuns.status, ['pending', 'failed']),
              isNotNull(jobRuns.nextAttemptAt),
              lte(jobRuns.nextAttemptAt, now),
            ),
            and(eq(jobRuns.status, 'running'), lt(jobRuns.leaseUntil, now)),
          ),
        ),
      )
      .orderBy(jobRuns.dueAt, jobRuns.id)
      .limit(1)
      .for('update', { skipLocked: true });
    if (!due) return undefined;
    const job = jobs.find((j) => j.id === due.jobId);
    const [claimed] = await tx
      .update(jobRuns)
      .set({
        status: 'running',
        attempt: sql`${jobRuns.attempt} + 1`,
        startedAt: now,
        finishedAt: null,
        leaseUntil: new Date(now.getTime() + (job?.leaseMs ?? DEFAULT_LEASE_MS)),
        claimedBy: instance,
      })
      .where(eq(jobRuns.id, due.id))
      .returning();
    return claimed;
  });
}

function errorText(e: unknown): string {
  if (e instanceof Error) return (e.stack ?? `${e.name}: ${e.message}`).slice(0, 4000);
  return String(e).slice(0, 4000);
}

export interface RunOutcome {
  jobId: string;
  runId: number;
  status: 'succeeded' | 'failed';
  attempt: number;
  result?: Record<string, unknown>;
  error?: string;
}

export interface RunnerOptions {
  /** Names the instance in the runs it claims (default: host and pid). */
  instance?: string;
  /** Clock for the finish time (default: the same `now` as the pass; real passes use the wall clock). */
  clock?: () => Date;
}

/** One pass: schedules what has come due and runs every claimable run. Returns what ran. */
export async function runDueJobs(
  db: Db,
  jobs: readonly JobDefinition[],
  now: Date,
  opts: RunnerOptions = {},
): Promise<RunOutcome[]> {
  if (!jobs.length) return [];
  const instance = opts.instance ?? `${process.pid}`;
  const clock = opts.clock ?? (() => now);
  await scheduleDue(db, jobs, now);
  const out: RunOutcome[] = [];
  for (;;) {
    const run = await claimOne(db, jobs, now, instance);
    if (!run) break;
    const job = jobs.find((j) => j.id === run.jobId);
    if (!job) break;
    try {
      const result = (await job.handler(db, now)) ?? {};
      await db
        .update(jobRuns)
        .set({ status: 'succeeded', finishedAt: clock(), result, error: null, nextAttemptAt: null, leaseUntil: null })
        .where(eq(jobRuns.id, run.id));
      out.push({ jobId: job.id, runId: run.id, status: 'succeeded', attempt: run.attempt, result });
    } catch (e) {
      const error = errorText(e);
      const exhausted = run.attempt >= (job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
      await db
        .update(jobRuns)
        .set({
          status: 'failed',
          finishedAt: clock(),
          error,
          leaseUntil: null,
          nextAttemptAt: exhausted ? null : new Date(now.getTime() + jobBackoffMs(run.attempt)),
        })
        .where(eq(jobRuns.id, run.id));
      out.push({ jobId: job.id, runId: run.id, status: 'failed', attempt: run.attempt, error });
    }
  }
  return out;
}

/** Runs passes every `everyMs` until stopped; a failed run is logged as well as stored. */
export function startJobRunner(
  db: Db,
  jobs: readonly JobDefinition[],
  log: (msg: string, err?: unknown) => void,
  everyMs = 15_000,
): { stop: () => Promise<void> } {
  let current: Promise<void> | null = null;
  const pass = async () => {
    try {
      for (const o of await runDueJobs(db, jobs, new Date(), { clock: () => new Date() })) {
        if (o.status === 'failed') log(`job ${o.jobId} failed (attempt ${o.attempt})`, o.error);
        else if (Object.values(o.result ?? {}).some((v) => typeof v === 'number' && v > 0))
          log(`job ${o.jobId}: ${JSON.stringify(o.result)}`);
      }
    } catch (e) {
      log('job runner pass failed', e);
    }
  };
  const timer = setInterval(() => {
    if (current) return;
    current = pass().finally(() => {
      current = null;
    });
  }, everyMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await current;
    },
  };
}
