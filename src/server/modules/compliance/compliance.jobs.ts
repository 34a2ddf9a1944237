/**
 * The compliance module's background job: after classes close (20:00 in China) every running class is
 * re-evaluated with the day's attendance (check-ins alone never re-evaluate: a morning burst must stay cheap).
 */
import type { JobDefinition } from '../../jobs/job.js';
import { reevaluateRunning } from './compliance.service.js';

export const dailyReevaluationJob: JobDefinition = {
  id: 'compliance.dailyReevaluation',
  description: {
    zh: '每日闭班后按当天出勤重新判定在办托管班的规则',
    en: 'Re-evaluate the running classes with the day’s attendance after closing',
  },
  schedule: { kind: 'daily', at: '20:00' },
  handler: async (db, now) => ({ reevaluated: await reevaluateRunning(db, now) }),
};
