import type { ModuleDefinition } from '../module.js';
import { campaignRoutes } from './campaigns.routes.js';

/** The year's campaign and its parameters (the rules' numbers). */
export const campaignsModule: ModuleDefinition = { id: 'campaigns', routes: [campaignRoutes] };
