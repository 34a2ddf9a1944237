import type { ModuleDefinition } from '../module.js';
import { subsidyRoutes } from './subsidies.routes.js';

/** Union subsidies (工会补贴): policy, computed list with reasons, approved disbursement lists, payments (#16). */
export const subsidiesModule: ModuleDefinition = {
  id: 'subsidies',
  routes: [subsidyRoutes],
};
