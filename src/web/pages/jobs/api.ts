/** Calls of the background-jobs page (GET /api/jobs): every registered job with its last run, next run and failures. */
import type { JobsResponse } from '../../../server/modules/jobs/jobs.schema';
import { api } from '../../app/api/client';

export type { JobRunStatus, JobRunView, JobSchedule, JobView } from '../../../server/modules/jobs/jobs.schema';

export const jobsKey = ['jobs'] as const;

export const listJobs = () => api.get<JobsResponse>('/api/jobs').then((r) => r.jobs);
