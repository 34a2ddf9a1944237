import type { ModuleDefinition } from '../module.js';
import { familyRoutes } from './families.routes.js';

/** Guardians, their verification and their children. */
export const familiesModule: ModuleDefinition = { id: 'families', routes: [familyRoutes] };
