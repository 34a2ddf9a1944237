import type { ModuleDefinition } from '../module.js';
import { incidentRoutes } from './incidents.routes.js';

/** Incidents with addenda, guardian notices and escalation. */
export const incidentsModule: ModuleDefinition = { id: 'incidents', routes: [incidentRoutes] };
