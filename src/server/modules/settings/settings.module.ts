import type { ModuleDefinition } from '../module.js';
import { settingsRoutes } from './settings.routes.js';

/** Platform settings (city administrator). */
export const settingsModule: ModuleDefinition = { id: 'settings', routes: [settingsRoutes] };
