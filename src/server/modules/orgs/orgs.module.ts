import type { ModuleDefinition } from '../module.js';
import { orgRoutes } from './orgs.routes.js';

/** The organisation tree (city → districts → units) and its import. */
export const orgsModule: ModuleDefinition = { id: 'orgs', routes: [orgRoutes] };
