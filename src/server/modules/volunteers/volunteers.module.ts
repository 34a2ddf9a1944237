import type { ModuleDefinition } from '../module.js';
import { volunteerPages } from './volunteers.pages.js';
import { volunteerRoutes } from './volunteers.routes.js';

/** Volunteers (P-F): calls for help, applications from the public site, acceptance into staff, hours from the door. */
export const volunteersModule: ModuleDefinition = {
  id: 'volunteers',
  routes: [volunteerRoutes, volunteerPages],
};
