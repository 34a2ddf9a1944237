/** The auth module's job: failures under names nobody holds are forgotten after a day (their locks last an hour). */
import { lt } from 'drizzle-orm';
import { loginFailures } from '../../db/schema.js';
import { pruneRateLimitHits } from '../../http/rate-limit-store.js';
import type { JobDefinition } from '../../jobs/job.js';

const KEEP_MS = 86_400_000;

export const pruneLoginFailuresJob: JobDefinition = {
  id: 'auth.prune-login-failures',
  description: {
    zh: '清理一天前的不存在账号登录失败记录和已结束的访问频率计数',
    en: 'Forget failed sign-ins under unknown names and ended rate-limit windows after a day',
  },
  schedule: { kind: 'daily', at: '03:40' },
  handler: async (db, now) => {
    const removed = await db
      .delete(loginFailures)
      .where(lt(loginFailures.updatedAt, new Date(now.getTime() - KEEP_MS)))
      .returning({ username: loginFailures.username });
    // Rate-limit windows that ended a day ago are gone too (the counts of every instance, src/server/http).
    const windows = await pruneRateLimitHits(db, new Date(now.getTime() - KEEP_MS));
    return { removed: removed.length, rateLimitWindows: windows };
  },
};
