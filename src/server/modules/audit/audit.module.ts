import type { ModuleDefinition } from '../module.js';
import { auditRoutes } from './audit.routes.js';

/** Reading the audit log. */
export const auditModule: ModuleDefinition = { id: 'audit', routes: [auditRoutes] };
