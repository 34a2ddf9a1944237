import type { ModuleDefinition } from '../module.js';
import { privacyPurgeJob } from './privacy.jobs.js';
import { privacyRoutes } from './privacy.routes.js';

/** PIPL for guardians: a copy of the family's data, deletion requests, and the purge after the retention period. */
export const privacyModule: ModuleDefinition = { id: 'privacy', routes: [privacyRoutes], jobs: [privacyPurgeJob] };
