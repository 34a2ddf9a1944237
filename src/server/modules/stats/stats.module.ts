import type { ModuleDefinition } from '../module.js';
import { moveAnchorsJob } from './stats.jobs.js';
import { statsRoutes } from './stats.routes.js';
import { statsSubscriptions } from './stats.subscriptions.js';

/**
 * The statistics read layer (docs/FIGURES.md): figures for the dashboard, the reports and the exports, and the
 * aggregates it keeps in step with the writes (stats.aggregates.ts).
 */
export const statsModule: ModuleDefinition = {
  id: 'stats',
  routes: [statsRoutes],
  subscriptions: statsSubscriptions,
  jobs: [moveAnchorsJob],
};
