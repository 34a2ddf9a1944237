import type { ModuleDefinition } from '../module.js';
import { APPLICATION_OWNER } from './selection.dossier.js';
import { findReviewableApplication, findVisibleApplication } from './selection.repo.js';
import { selectionReviewRoutes } from './selection.review-routes.js';
import { selectionRoutes } from './selection.routes.js';

/** Demonstration-class selection: applications (申报) with their dossier and gate, review, scores and ranking. */
export const selectionModule: ModuleDefinition = {
  id: 'selection',
  routes: [selectionRoutes, selectionReviewRoutes],
  fileOwners: [
    {
      type: APPLICATION_OWNER,
      canRead: async (db, actor, id) =>
        !!(await findVisibleApplication(db, actor, id)) || !!(await findReviewableApplication(db, actor, id)),
    },
  ],
};
