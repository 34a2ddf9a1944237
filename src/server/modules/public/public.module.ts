import type { ModuleDefinition } from '../module.js';
import { publicSiteRoutes } from './public.routes.js';

/** The public site (/public/, no sign-in): programme, class finder, class pages, good-practice cases, news. */
export const publicModule: ModuleDefinition = {
  id: 'public',
  routes: [publicSiteRoutes],
};
