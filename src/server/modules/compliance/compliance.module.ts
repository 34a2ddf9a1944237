import type { ModuleDefinition } from '../module.js';
import { dailyReevaluationJob } from './compliance.jobs.js';
import { complianceSubscriptions } from './compliance.subscriptions.js';

/** The policy engine applied to stored classes: verdicts kept true by events, and the daily re-evaluation. */
export const complianceModule: ModuleDefinition = {
  id: 'compliance',
  subscriptions: complianceSubscriptions,
  jobs: [dailyReevaluationJob],
};
