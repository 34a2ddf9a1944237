/** The reports module's background job: deadline reminders and overdue notices (reports.reminders.ts). */
import type { JobDefinition } from '../../jobs/job.js';
import { sendReportReminders } from './reports.reminders.js';

export const reportRemindersJob: JobDefinition = {
  id: 'reports.reminders',
  description: {
    zh: '报送提醒：截止前 3 天、1 天提醒未报送的单位，逾期后通知上级',
    en: 'Report reminders: 3 days and 1 day before a deadline to those who have not reported, overdue notices after',
  },
  schedule: { kind: 'every', seconds: 3600 },
  handler: async (db, now) => sendReportReminders(db, now),
};
