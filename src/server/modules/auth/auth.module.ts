import type { ModuleDefinition } from '../module.js';
import { pruneLoginFailuresJob } from './auth.jobs.js';
import { authRoutes } from './auth.routes.js';

/** Sign-in, sessions, passwords, TOTP and `me`. */
export const authModule: ModuleDefinition = { id: 'auth', routes: [authRoutes], jobs: [pruneLoginFailuresJob] };
