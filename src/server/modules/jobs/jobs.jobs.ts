/** The jobs module's own job: finished runs are kept for 30 days (failures too, so the page can show them). */
import { and, inArray, lt } from 'drizzle-orm';
import { jobRuns } from '../../db/schema.js';
import type { JobDefinition } from '../../jobs/job.js';

const KEEP_MS = 30 * 86_400_000;

export const pruneJobRunsJob: JobDefinition = {
  id: 'jobs.prune',
  description: { zh: '清理 30 天前已结束的后台任务记录', en: 'Remove finished job runs older than 30 days' },
  schedule: { kind: 'daily', at: '03:30' },
  handler: async (db, now) => {
    const removed = await db
      .delete(jobRuns)
      .where(
        and(
          inArray(jobRuns.status, ['succeeded', 'superseded', 'failed']),
          lt(jobRuns.dueAt, new Date(now.getTime() - KEEP_MS)),
        ),
      )
      .returning({ id: jobRuns.id });
    return { removed: removed.length };
  },
};
