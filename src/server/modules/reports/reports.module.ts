import type { ModuleDefinition } from '../module.js';
import { reportRemindersJob } from './reports.jobs.js';
import { findVisibleReport } from './reports.repo.js';
import { reportRoutes } from './reports.routes.js';
import { REPORT_OWNER } from './reports.service.js';

/** Reports up the tree (issue 14): expected reports, the workflow, timeliness, documents, reminders. */
export const reportsModule: ModuleDefinition = {
  id: 'reports',
  routes: [reportRoutes],
  // An attachment is read by whoever may read its report (the unit and the levels above it).
  fileOwners: [{ type: REPORT_OWNER, canRead: async (db, actor, id) => !!(await findVisibleReport(db, actor, id)) }],
  jobs: [reportRemindersJob],
};
