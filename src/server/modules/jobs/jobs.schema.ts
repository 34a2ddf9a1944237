/** Shapes of the background-jobs page (GET /api/jobs): every registered job with its last run, next run and last failure. */
import { z } from 'zod';

export const jobRunStatus = z.enum(['pending', 'running', 'succeeded', 'failed', 'superseded']);
export type JobRunStatus = z.infer<typeof jobRunStatus>;

export const jobSchedule = z.union([
  z.object({ kind: z.literal('every'), seconds: z.number().int().positive() }),
  /** Once a day at this time in China (HH:MM). */
  z.object({ kind: z.literal('daily'), at: z.string() }),
]);
export type JobSchedule = z.infer<typeof jobSchedule>;

export const jobRunView = z.object({
  id: z.number().int(),
  status: jobRunStatus,
  /** The schedule slot this run serves. */
  dueAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  attempt: z.number().int(),
  error: z.string().nullable(),
  result: z.record(z.string(), z.unknown()).nullable(),
});
export type JobRunView = z.infer<typeof jobRunView>;

export const jobView = z.object({
  id: z.string(),
  description: z.object({ zh: z.string(), en: z.string() }),
  schedule: jobSchedule,
  lastRun: jobRunView.nullable(),
  /** When the next slot falls due (a failed run waiting for its retry counts). */
  nextRunAt: z.string().nullable(),
  lastFailure: z.object({ at: z.string(), error: z.string(), attempt: z.number().int() }).nullable(),
  /** Runs that failed in the last 24 hours. */
  failures24h: z.number().int(),
});
export type JobView = z.infer<typeof jobView>;

export const jobsResponse = z.object({ jobs: z.array(jobView) });
export type JobsResponse = z.infer<typeof jobsResponse>;
