import type { ModuleDefinition } from '../module.js';
import { attendanceAlertsJob } from './attendance.jobs.js';
import { attendanceRoutes } from './attendance.routes.js';

/** The door (check-in/out), corrections, the grid and the attendance alerts. */
export const attendanceModule: ModuleDefinition = {
  id: 'attendance',
  routes: [attendanceRoutes],
  jobs: [attendanceAlertsJob],
};
