/** The attendance module's background job: the arrival and pick-up alerts (attendance.alerts.ts). */
import type { JobDefinition } from '../../jobs/job.js';
import { raiseAttendanceAlerts } from './attendance.alerts.js';

export const attendanceAlertsJob: JobDefinition = {
  id: 'attendance.alerts',
  description: {
    zh: '出勤提醒：过了到班时间仍未到、闭班时仍未接走的儿童',
    en: 'Attendance alerts: children not arrived after the campaign time, not picked up at closing',
  },
  schedule: { kind: 'every', seconds: 60 },
  handler: async (db, now) => {
    const r = await raiseAttendanceAlerts(db, now);
    return { arrivalAlerts: r.arrival, pickupAlerts: r.pickup };
  },
};
