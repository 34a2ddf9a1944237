/** Reading job runs for the jobs page: per job its latest run, latest failure and failures in the last day. */
import { and, desc, eq, gte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { jobRuns } from '../../db/schema.js';
import { nextSlot } from '../../jobs/runner.js';
import type { JobDefinition } from '../../jobs/job.js';
import type { JobRunStatus, JobView } from './jobs.schema.js';

type RunRow = typeof jobRuns.$inferSelect;
const iso = (d: Date | null) => (d ? d.toISOString() : null);

function presentRun(r: RunRow) {
  return {
    id: r.id,
    status: r.status as JobRunStatus,
    dueAt: r.dueAt.toISOString(),
    startedAt: iso(r.startedAt),
    finishedAt: iso(r.finishedAt),
    attempt: r.attempt,
    error: r.error,
    result: r.result ?? null,
  };
}

export async function jobViews(db: Db, jobs: readonly JobDefinition[], now: Date): Promise<JobView[]> {
  const dayAgo = new Date(now.getTime() - 86_400_000);
  return Promise.all(
    jobs.map(async (job) => {
      const [last] = await db
        .select()
        .from(jobRuns)
        .where(and(eq(jobRuns.jobId, job.id), sql`${jobRuns.status} <> 'superseded'`))
        .orderBy(desc(jobRuns.dueAt), desc(jobRuns.id))
        .limit(1);
      const [failure] = await db
        .select()
        .from(jobRuns)
        .where(and(eq(jobRuns.jobId, job.id), sql`${jobRuns.error} IS NOT NULL`))
        .orderBy(desc(jobRuns.finishedAt))
        .limit(1);
      const [count] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(jobRuns)
        .where(and(eq(jobRuns.jobId, job.id), sql`${jobRuns.error} IS NOT NULL`, gte(jobRuns.finishedAt, dayAgo)));
      // A failed run waiting for its retry comes before the next slot.
      const retryAt = last?.status === 'failed' && last.nextAttemptAt ? last.nextAttemptAt : null;
      const next = nextSlot(job.schedule, now);
      return {
        id: job.id,
        description: job.description,
        schedule: job.schedule,
        lastRun: last ? presentRun(last) : null,
        nextRunAt: (retryAt && retryAt < next ? retryAt : next).toISOString(),
        lastFailure:
          failure?.error && failure.finishedAt
            ? { at: failure.finishedAt.toISOString(), error: failure.error, attempt: failure.attempt }
            : null,
        failures24h: count?.n ?? 0,
      };
    }),
  );
}
