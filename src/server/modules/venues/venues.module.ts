import type { ModuleDefinition } from '../module.js';
import { findVisibleVenue } from './venues.repo.js';
import { venueRoutes } from './venues.routes.js';
import { VENUE_OWNER } from './venues.service.js';

/** The venue library with its safety checklist and evidence files. */
export const venuesModule: ModuleDefinition = {
  id: 'venues',
  routes: [venueRoutes],
  fileOwners: [{ type: VENUE_OWNER, canRead: async (db, actor, id) => !!(await findVisibleVenue(db, actor, id)) }],
};
