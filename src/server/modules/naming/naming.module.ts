import type { ModuleDefinition } from '../module.js';
import { namingRoutes } from './naming.routes.js';
import { namingSiteRoutes } from './naming.site.js';

/** 公示 and naming of the city-level demonstration classes, their certificates and public pages (issue 17). */
export const namingModule: ModuleDefinition = {
  id: 'naming',
  routes: [namingRoutes, namingSiteRoutes],
};
