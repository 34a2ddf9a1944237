import type { ModuleDefinition } from '../module.js';
import { fundingSummaryRoutes } from './funding-summary.js';
import { subsidyRoutes } from './subsidies.routes.js';

/**
 * Union subsidies (工会补贴): policy, computed list with reasons, approved disbursement lists, payments; and the
 * 经费汇总 (budget vs actual over a subtree), which reads both the stats layer and the funding figures (#16).
 */
export const subsidiesModule: ModuleDefinition = {
  id: 'subsidies',
  routes: [subsidyRoutes, fundingSummaryRoutes],
};
