/** English text of the background-jobs page; typed against the Chinese so a missing key fails the type check. */
import type { Shape } from './zh';
import type { zhJobs } from './zh.jobs';

export const enJobs: Shape<typeof zhJobs> = {
  jobs: {
    menu: 'Background jobs',
    title: 'Background jobs',
    subtitle: 'How the scheduled jobs run: last run, next run and recent failures (times in China time)',
    listTitle: 'Jobs',
    job: 'Job',
    schedule: 'Schedule',
    everySeconds: 'Every {{count}} s',
    everyMinutes: 'Every {{count}} min',
    everyHours: 'Every {{count}} h',
    dailyAt: 'Daily at {{at}}',
    chinaTime: 'China time',
    lastRun: 'Last run',
    neverRun: 'Not run yet',
    started: 'Started',
    due: 'Due',
    duration: 'took {{duration}}',
    attempt: 'attempt {{count}}',
    status: { pending: 'Pending', running: 'Running', succeeded: 'Succeeded', failed: 'Failed', superseded: 'Skipped' },
    nextRun: 'Next run',
    noNextRun: 'Not scheduled',
    overdue: 'due now',
    lastFailure: 'Last failure',
    noFailure: 'None',
    failures24h: 'Failures in 24 h',
    failuresHint: 'Runs that failed in the last 24 hours',
    empty: 'No background jobs are registered',
    refresh: 'Refresh',
  },
};
