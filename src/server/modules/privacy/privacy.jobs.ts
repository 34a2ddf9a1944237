/**
 * The privacy module's job: deletion requests that waited for a class to end are processed, and the evidence of
 * processed requests is anonymised once the city's retention period (Settings › privacyRetentionYears) has passed.
 */
import { loadConfig } from '../../config.js';
import { systemContext } from '../../context.js';
import type { JobDefinition } from '../../jobs/job.js';
import { openFileStore } from '../../storage/fileStore.js';
import { runPrivacyJob } from './privacy.service.js';

export const privacyPurgeJob: JobDefinition = {
  id: 'privacy.purge',
  description: {
    zh: '执行到期的个人信息删除申请，保留期满后匿名化留存的证据',
    en: 'Carry out deletion requests whose class has ended; anonymise the evidence kept once its retention ends',
  },
  schedule: { kind: 'daily', at: '03:20' },
  // The store is the one the server writes to (configuration from the environment, as main.ts reads it).
  handler: async (db, now) => runPrivacyJob(db, systemContext(now), openFileStore(loadConfig())),
};
