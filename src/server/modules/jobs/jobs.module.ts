import type { ModuleDefinition } from '../module.js';
import { pruneJobRunsJob } from './jobs.jobs.js';
import { jobRoutes } from './jobs.routes.js';

/** The background jobs page and the pruning of old runs. */
export const jobsModule: ModuleDefinition = { id: 'jobs', routes: [jobRoutes], jobs: [pruneJobRunsJob] };
