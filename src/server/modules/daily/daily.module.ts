import { findVisibleClass } from '../classes/classes.repo.js';
import type { ModuleDefinition } from '../module.js';
import { DAILY_OWNER } from './daily.files.js';
import { dailyRoutes } from './daily.routes.js';

/** Daily management records, the timetable and their photos. */
export const dailyModule: ModuleDefinition = {
  id: 'daily',
  routes: [dailyRoutes],
  // A daily photo is readable by whoever may read its class.
  fileOwners: [{ type: DAILY_OWNER, canRead: async (db, actor, id) => !!(await findVisibleClass(db, actor, id)) }],
};
