import type { ModuleDefinition } from '../module.js';
import { systemRoutes } from './system.routes.js';
import { scheduledBackupJobs } from './system.jobs.js';

/** Health and readiness; backups made by the running server (scheduled when BACKUP_EVERY_HOURS is set). */
export const systemModule: ModuleDefinition = { id: 'system', routes: [systemRoutes], jobs: scheduledBackupJobs() };
