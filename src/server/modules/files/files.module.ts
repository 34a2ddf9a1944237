import type { ModuleDefinition } from '../module.js';
import { fileRoutes } from './files.routes.js';

/** Stored files, read through GET /api/files/:id when their owner (registered by its module) is visible. */
export const filesModule: ModuleDefinition = { id: 'files', routes: [fileRoutes] };
