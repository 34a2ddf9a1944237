import type { ModuleDefinition } from '../module.js';
import { classRoutes } from './classes.routes.js';

/** Care classes: the form, the lifecycle with its timeline, the staff roster. */
export const classesModule: ModuleDefinition = { id: 'classes', routes: [classRoutes] };
