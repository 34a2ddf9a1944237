/**
 * What a background job is: a file exporting `{ id, description, schedule, handler }` (its module lists it in the
 * module registry). The runner (runner.ts) decides when it is due and makes sure one instance runs each slot.
 */
import type { Db } from '../db/client.js';

export type JobSchedule =
  | { kind: 'every'; seconds: number }
  /** Once a day at this time in China (HH:MM). */
  | { kind: 'daily'; at: string };

export interface JobDefinition {
  /** Stable id, e.g. `enrolment.expireOffers`: runs are stored under it. */
  id: string;
  description: { zh: string; en: string };
  schedule: JobSchedule;
  /** Does the slot's work; what it returns is kept with the run (counts). Throwing fails the run (retried). */
  handler: (db: Db, now: Date) => Promise<Record<string, unknown> | undefined>;
  /** Attempts before a failed slot is given up. Default 5. */
  maxAttempts?: number;
  /** How long a claimed run is kept from other instances; a run still "running" after it is taken over. */
  leaseMs?: number;
}
