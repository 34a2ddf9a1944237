/**
 * Backups made by the running server: the scheduled job (on only when BACKUP_EVERY_HOURS is set; the newest
 * BACKUP_KEEP kept) run through the real job runner, and the request/answer exchange with which `tuoguan backup`
 * asks a server that holds the embedded database for a backup.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyFingerprint, parseDataKey } from '../../src/server/crypto/secrets.js';
import { openBackup } from '../../src/server/db/restore.js';
import { runDueJobs } from '../../src/server/jobs/runner.js';
import { jobsOf } from '../../src/server/modules/index.js';
import { requestBackup, startBackupRequests } from '../../src/server/modules/system/backupRequests.js';
import { backupSettingsFromEnv, backupSourceFor, listBackups } from '../../src/server/modules/system/backups.js';
import { createBackupJob, scheduledBackupJobs } from '../../src/server/modules/system/system.jobs.js';
import { createTestApp, type TestApp } from '../support/app.js';

describe('backups made by the running server', () => {
  let t: TestApp;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tuoguan-backups-'));
    t = await createTestApp({ dataDir });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('the schedule comes from the environment: off unless BACKUP_EVERY_HOURS is set; daily at 02:30 for 24', () => {
    expect(scheduledBackupJobs({})).toEqual([]);
    expect(scheduledBackupJobs({ BACKUP_EVERY_HOURS: '0' })).toEqual([]);
    expect(jobsOf().map((j) => j.id)).not.toContain('system.backup'); // the test environment sets none
    const [daily] = scheduledBackupJobs({ BACKUP_EVERY_HOURS: '24', DATA_DIR: dataDir });
    expect(daily).toMatchObject({ id: 'system.backup', schedule: { kind: 'daily', at: '02:30' } });
    expect(daily?.description.en).toContain(path.join(dataDir, 'backups'));
    const [six] = scheduledBackupJobs({ BACKUP_EVERY_HOURS: '6', BACKUP_DIR: '/srv/b', BACKUP_KEEP: '3' });
    expect(six).toMatchObject({ schedule: { kind: 'every', seconds: 21_600 } });
    expect(six?.description.en).toContain('/srv/b');
    expect(six?.description.en).toContain('newest 3');
    expect(() => scheduledBackupJobs({ BACKUP_EVERY_HOURS: '48' })).toThrow(/BACKUP_EVERY_HOURS/);
    expect(() => backupSettingsFromEnv({ BACKUP_KEEP: 'many' }, dataDir)).toThrow(/BACKUP_KEEP/);
  });

  it('the job writes a backup once per slot and keeps the newest BACKUP_KEEP', async () => {
    const settings = { dir: path.join(dataDir, 'scheduled'), keep: 2, everyHours: 24 };
    const job = createBackupJob(settings, (db) => backupSourceFor(db, t.config));
    const days = ['2026-06-01', '2026-06-02', '2026-06-03'];
    for (const day of days) {
      // 02:31 in China is 18:31 UTC the day before.
      const at = new Date(new Date(`${day}T02:31:00+08:00`).getTime());
      const out = await runDueJobs(t.database.db, [job], at);
      expect(out).toMatchObject([{ jobId: 'system.backup', status: 'succeeded' }]);
      expect(out[0]?.result).toMatchObject({
        keyFingerprint: keyFingerprint(parseDataKey(t.config.dataKey ?? '', 'key')),
        missingFiles: 0,
      });
      expect(Number(out[0]?.result?.rows)).toBeGreaterThan(0);
      // The same slot again (or another instance): nothing.
      expect(await runDueJobs(t.database.db, [job], new Date(at.getTime() + 60_000))).toEqual([]);
    }
    const kept = listBackups(settings.dir);
    expect(kept).toEqual(['tuoguan-backup-20260601T183100Z.tar', 'tuoguan-backup-20260602T183100Z.tar']);
    const b = await openBackup(path.join(settings.dir, kept[1] ?? ''));
    try {
      expect(b.manifest.createdAt).toBe('2026-06-02T18:31:00.000Z');
      expect(b.manifest.tables.organizations).toBeGreaterThan(0);
    } finally {
      await b.close();
    }
  });

  it('`tuoguan backup` asks the server holding the data directory, which answers with the file it wrote', async () => {
    const settings = { dir: path.join(dataDir, 'backups'), keep: 7, everyHours: 0 };
    // Nobody serving: the request is not picked up, and is withdrawn.
    expect(await requestBackup(t.config.dataDir, { acceptMs: 300, pollMs: 50 })).toBeNull();
    expect(fs.readdirSync(path.join(t.config.dataDir, 'backup-requests'))).toEqual([]);
    const logs: string[] = [];
    const server = startBackupRequests(t.database.db, t.config, settings, (m) => logs.push(m), 50);
    try {
      const [a, b] = await Promise.all([
        requestBackup(t.config.dataDir, { pollMs: 50 }),
        requestBackup(t.config.dataDir, { pollMs: 50 }),
      ]);
      expect(a).toMatchObject({ ok: true });
      expect(b).toMatchObject({ ok: true });
      if (!a?.ok) throw new Error('no backup');
      expect(path.dirname(a.file)).toBe(settings.dir);
      expect(fs.existsSync(a.file)).toBe(true);
      expect(a.manifest.dataKey?.fingerprint).toMatch(/^[0-9a-f]{16}$/);
      expect(logs.join('\n')).toContain('backup requested by the command line written');
      expect(fs.readdirSync(path.join(t.config.dataDir, 'backup-requests'))).toEqual([]);
    } finally {
      await server.stop();
    }
  });
});
