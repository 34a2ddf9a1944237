import type { ModuleDefinition } from '../module.js';
import { dashboardRoutes } from './dashboard.routes.js';

/**
 * The city's and districts' dashboard (数据看板, issue 15): reads only — the stats layer's figures and class facts,
 * the reports module's reporting world — composed into one view, its .xlsx and the CLI's targets. Its own module
 * because it reads both stats and reports (reports already read stats).
 */
export const dashboardModule: ModuleDefinition = {
  id: 'dashboard',
  routes: [dashboardRoutes],
};
