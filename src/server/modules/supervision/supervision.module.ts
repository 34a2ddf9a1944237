/**
 * Supervision (督导与整改, issue 15; P-K3, P-W3): inspection visits and their phone checklist, the rectification
 * items their findings open and the escalation of overdue ones, progress and on-site meetings, good-practice cases.
 * Reads other modules only through their public reads (classes' scoped loader, attendance's head count); the
 * dashboard reads it through `supervisionFigures`, the public site through `publishedCases`.
 */
import type { ModuleDefinition } from '../module.js';
import { CASE_OWNER } from './cases.service.js';
import { practiceRoutes } from './practice.routes.js';
import { ITEM_OWNER } from './rectification.service.js';
import { escalationsJob } from './supervision.jobs.js';
import { findVisibleCase, findVisibleItem, findVisibleVisit } from './supervision.repo.js';
import { visitRoutes } from './visits.routes.js';
import { VISIT_OWNER } from './visits.service.js';

export const supervisionModule: ModuleDefinition = {
  id: 'supervision',
  routes: [visitRoutes, practiceRoutes],
  fileOwners: [
    { type: VISIT_OWNER, canRead: async (db, actor, id) => !!(await findVisibleVisit(db, actor, id)) },
    { type: ITEM_OWNER, canRead: async (db, actor, id) => !!(await findVisibleItem(db, actor, id)) },
    { type: CASE_OWNER, canRead: async (db, actor, id) => !!(await findVisibleCase(db, actor, id)) },
  ],
  jobs: [escalationsJob],
};
