import type { ModuleDefinition } from '../module.js';
import { newsRoutes } from './news.routes.js';
import { photoChildrenRoutes } from './photo-children.routes.js';
import { publicCaseRoutes } from './public.cases.js';
import { publicClassRoutes } from './public.classes.js';
import { publicPhotoRoutes } from './public.photos.js';
import { publicProgrammeRoutes } from './public.programme.js';
import { publicSiteRoutes } from './public.routes.js';

/**
 * The public site (/public/, no sign-in): home, programme, class finder and class pages, good-practice cases, news
 * and the photos that passed the publicity rule; and /api/news, where the city writes and reviews its news.
 * Other modules add their own public pages (公示, showcase, verification, volunteers) with layout.ts.
 */
export const publicModule: ModuleDefinition = {
  id: 'public',
  routes: [
    publicSiteRoutes,
    publicProgrammeRoutes,
    publicClassRoutes,
    publicCaseRoutes,
    publicPhotoRoutes,
    newsRoutes,
    photoChildrenRoutes,
  ],
};
