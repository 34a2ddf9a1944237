import type { ModuleDefinition } from '../module.js';
import { statsRoutes } from './stats.routes.js';

/** The statistics read layer (docs/FIGURES.md): figures for the dashboard, the reports and the exports. */
export const statsModule: ModuleDefinition = {
  id: 'stats',
  routes: [statsRoutes],
};
