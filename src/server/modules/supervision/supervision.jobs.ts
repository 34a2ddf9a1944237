/** The supervision module's background job: due and overdue rectification items escalate (supervision.escalations.ts). */
import type { JobDefinition } from '../../jobs/job.js';
import { escalateItems } from './supervision.escalations.js';

export const escalationsJob: JobDefinition = {
  id: 'supervision.escalations',
  description: {
    zh: '整改提醒：到期前一天提醒单位，逾期报区县，严重或逾期超过 7 天报市总（每项每级一次）',
    en: 'Rectification reminders: the unit a day before, the district when overdue, the city when high or 7+ days late (once each)',
  },
  schedule: { kind: 'every', seconds: 3600 },
  handler: async (db, now) => escalateItems(db, now),
};
