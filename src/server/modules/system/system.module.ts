import type { ModuleDefinition } from '../module.js';
import { systemRoutes } from './system.routes.js';

/** Health and readiness. */
export const systemModule: ModuleDefinition = { id: 'system', routes: [systemRoutes] };
