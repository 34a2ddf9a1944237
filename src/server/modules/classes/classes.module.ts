import type { ModuleDefinition } from '../module.js';
import { CLASS_OWNER } from './classes.documents.js';
import { findVisibleClass } from './classes.repo.js';
import { classRoutes } from './classes.routes.js';

/** Care classes: the form, the lifecycle with its timeline, the staff roster, the written rules (files). */
export const classesModule: ModuleDefinition = {
  id: 'classes',
  routes: [classRoutes],
  fileOwners: [{ type: CLASS_OWNER, canRead: async (db, actor, id) => !!(await findVisibleClass(db, actor, id)) }],
};
