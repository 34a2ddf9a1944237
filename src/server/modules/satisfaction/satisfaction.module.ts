import type { ModuleDefinition } from '../module.js';
import { satisfactionInviteJob } from './satisfaction.jobs.js';
import { satisfactionRoutes } from './satisfaction.routes.js';
import { satisfactionSubscriptions } from './satisfaction.subscriptions.js';

/** The parents' satisfaction survey (孩子开心、家长放心, #16): invitations, answers, results and indices. */
export const satisfactionModule: ModuleDefinition = {
  id: 'satisfaction',
  routes: [satisfactionRoutes],
  subscriptions: satisfactionSubscriptions,
  jobs: [satisfactionInviteJob],
};
