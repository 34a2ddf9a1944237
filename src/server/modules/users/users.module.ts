import type { ModuleDefinition } from '../module.js';
import { userRoutes } from './users.routes.js';

/** People and their role grants. */
export const usersModule: ModuleDefinition = { id: 'users', routes: [userRoutes] };
