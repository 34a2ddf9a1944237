/**
 * The scheduled backup (定时备份), on when BACKUP_EVERY_HOURS is set: every table and uploaded file into
 * BACKUP_DIR, the newest BACKUP_KEEP kept. With several instances, set it on one of them only: only instances that
 * know a job claim its runs.
 */
import { loadConfig } from '../../config.js';
import type { BackupSource } from '../../db/backup.js';
import type { Db } from '../../db/client.js';
import type { JobDefinition } from '../../jobs/job.js';
import { type BackupSettings, backupSettingsFromEnv, backupSourceFor, writeBackupInto } from './backups.js';

export function createBackupJob(settings: BackupSettings, sourceOf: (db: Db) => BackupSource): JobDefinition {
  const daily = settings.everyHours >= 24;
  return {
    id: 'system.backup',
    description: {
      zh: `定时备份：全部数据和上传文件写入 ${settings.dir}，保留最近 ${settings.keep} 份`,
      en: `Back up every table and uploaded file into ${settings.dir}, keeping the newest ${settings.keep}`,
    },
    schedule: daily ? { kind: 'daily', at: '02:30' } : { kind: 'every', seconds: settings.everyHours * 3600 },
    maxAttempts: 3,
    leaseMs: 60 * 60_000,
    handler: async (db, now) => {
      const { file, manifest, removed } = await writeBackupInto(sourceOf(db), settings, now);
      return {
        file,
        rows: Object.values(manifest.tables).reduce((a, b) => a + b, 0),
        files: manifest.files.included,
        bytes: manifest.files.bytes,
        missingFiles: manifest.files.missing.length,
        keyFingerprint: manifest.dataKey?.fingerprint ?? null,
        removed: removed.length,
      };
    },
  };
}

/** The backup job when the environment turns it on (BACKUP_EVERY_HOURS), else none. */
export function scheduledBackupJobs(env: NodeJS.ProcessEnv = process.env): JobDefinition[] {
  if (!env.BACKUP_EVERY_HOURS || env.BACKUP_EVERY_HOURS === '0') return [];
  const config = loadConfig(env);
  const settings = backupSettingsFromEnv(env, config.dataDir);
  return [createBackupJob(settings, (db) => backupSourceFor(db, config))];
}
