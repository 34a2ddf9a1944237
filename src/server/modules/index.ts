/**
 * The module registry: every module of the server, as data. `buildApp` registers each module's routes, installs
 * the event subscriptions and file owners, and hands the jobs to the runner; the CLI, the demo loader, the benches
 * and the test harness call `installModules()` the same way. Adding a module is adding one entry here.
 */
import { installSubscriptions } from '../events/audit.js';
import type { JobDefinition } from '../jobs/job.js';
import { createFileOwners, type FileOwners } from '../storage/owners.js';
import { attendanceModule } from './attendance/attendance.module.js';
import { auditModule } from './audit/audit.module.js';
import { authModule } from './auth/auth.module.js';
import { calendarModule } from './calendar/calendar.module.js';
import { campaignsModule } from './campaigns/campaigns.module.js';
import { classesModule } from './classes/classes.module.js';
import { complianceModule } from './compliance/compliance.module.js';
import { counterpartiesModule } from './counterparties/counterparties.module.js';
import { dailyModule } from './daily/daily.module.js';
import { dashboardModule } from './dashboard/dashboard.module.js';
import { enrolmentsModule } from './enrolments/enrolments.module.js';
import { familiesModule } from './families/families.module.js';
import { filesModule } from './files/files.module.js';
import { fundingModule } from './funding/funding.module.js';
import { incidentsModule } from './incidents/incidents.module.js';
import { jobsModule } from './jobs/jobs.module.js';
import type { ModuleDefinition } from './module.js';
import { namingModule } from './naming/naming.module.js';
import { notificationsModule } from './notifications/notifications.module.js';
import { orgsModule } from './orgs/orgs.module.js';
import { privacyModule } from './privacy/privacy.module.js';
import { publicModule } from './public/public.module.js';
import { reportsModule } from './reports/reports.module.js';
import { selectionModule } from './selection/selection.module.js';
import { satisfactionModule } from './satisfaction/satisfaction.module.js';
import { settingsModule } from './settings/settings.module.js';
import { statsModule } from './stats/stats.module.js';
import { subsidiesModule } from './subsidies/subsidies.module.js';
import { supervisionModule } from './supervision/supervision.module.js';
import { surveysModule } from './surveys/surveys.module.js';
import { systemModule } from './system/system.module.js';
import { usersModule } from './users/users.module.js';
import { venuesModule } from './venues/venues.module.js';
import { volunteersModule } from './volunteers/volunteers.module.js';

export type { ModuleDefinition } from './module.js';

export const MODULES: readonly ModuleDefinition[] = [
  systemModule,
  authModule,
  settingsModule,
  calendarModule,
  orgsModule,
  usersModule,
  auditModule,
  campaignsModule,
  venuesModule,
  dailyModule,
  counterpartiesModule,
  filesModule,
  classesModule,
  familiesModule,
  enrolmentsModule,
  attendanceModule,
  notificationsModule,
  incidentsModule,
  complianceModule,
  privacyModule,
  statsModule,
  dashboardModule,
  supervisionModule,
  reportsModule,
  selectionModule,
  surveysModule,
  fundingModule,
  subsidiesModule,
  publicModule,
  namingModule,
  volunteersModule,
  satisfactionModule,
  jobsModule,
];

/** Installs the modules' event subscriptions (every entry point calls this once before writing anything). */
export function installModules(modules: readonly ModuleDefinition[] = MODULES): void {
  installSubscriptions(modules.flatMap((m) => m.subscriptions ?? []));
}

export function jobsOf(modules: readonly ModuleDefinition[] = MODULES): JobDefinition[] {
  const jobs = modules.flatMap((m) => m.jobs ?? []);
  const ids = new Set<string>();
  for (const j of jobs) {
    if (ids.has(j.id)) throw new Error(`job ${j.id} declared twice`);
    ids.add(j.id);
  }
  return jobs;
}

export function fileOwnersOf(modules: readonly ModuleDefinition[] = MODULES): FileOwners {
  return createFileOwners(modules.flatMap((m) => m.fileOwners ?? []));
}
