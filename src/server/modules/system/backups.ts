/**
 * Backups made by the running server (定时备份 and on request): the scheduled job (system.jobs.ts) and the backups
 * `tuoguan backup` asks for while the server holds the embedded database (a PGlite directory opens in one process
 * only; backupRequests.ts). Both write `tuoguan-backup-<UTC time>.tar` into BACKUP_DIR (default DATA_DIR/backups)
 * and keep the newest BACKUP_KEEP (default 7). The format is db/backup.ts's.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config.js';
import { readDataKey } from '../../crypto/secrets.js';
import { type BackupManifest, type BackupSource, writeBackup } from '../../db/backup.js';
import type { Db } from '../../db/client.js';
import { describeFileStore, openFileStore, wholeFiles } from '../../storage/fileStore.js';

export interface BackupSettings {
  /** Where the server writes backups (BACKUP_DIR, default DATA_DIR/backups). */
  dir: string;
  /** How many of the newest backups are kept there (BACKUP_KEEP, default 7). */
  keep: number;
  /** BACKUP_EVERY_HOURS: 0 (default) = no scheduled backups; 24 = daily at 02:30 China time; 1–23 = every N hours. */
  everyHours: number;
}

export function backupSettingsFromEnv(env: NodeJS.ProcessEnv, dataDir: string): BackupSettings {
  const int = (name: string, v: string | undefined, d: number, min: number, max: number) => {
    if (v === undefined || v === '') return d;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max)
      throw new Error(`${name} must be a whole number from ${min} to ${max}`);
    return n;
  };
  return {
    dir: path.resolve(env.BACKUP_DIR || path.join(dataDir, 'backups')),
    keep: int('BACKUP_KEEP', env.BACKUP_KEEP, 7, 1, 1000),
    everyHours: int('BACKUP_EVERY_HOURS', env.BACKUP_EVERY_HOURS, 0, 0, 24),
  };
}

/** What a backup reads: the database, the configured file store, and the data key (for its fingerprint only). */
export function backupSourceFor(db: Db, config: Pick<Config, 'dataDir' | 's3' | 'dataKey'>): BackupSource {
  return {
    db,
    store: wholeFiles(openFileStore(config)),
    storeInfo: describeFileStore(config),
    dataKey: readDataKey(config),
  };
}

const NAME = /^tuoguan-backup-\d{8}T\d{6}Z(-\d+)?\.tar$/;

/** The backups in a directory, oldest first (the names sort by time). */
export function listBackups(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((n) => NAME.test(n))
    .sort();
}

function nameFor(dir: string, now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
  let name = `tuoguan-backup-${stamp}.tar`;
  for (let i = 2; fs.existsSync(path.join(dir, name)); i++) name = `tuoguan-backup-${stamp}-${i}.tar`;
  return name;
}

export interface ServerBackup {
  file: string;
  manifest: BackupManifest;
  /** Older backups removed to keep the newest `keep`. */
  removed: string[];
}

// One backup at a time in a process: the schedule and a request arriving together must not hold two snapshots.
let queue: Promise<unknown> = Promise.resolve();

/** Writes a new backup into `settings.dir`, then removes the oldest beyond `settings.keep`. */
export function writeBackupInto(src: BackupSource, settings: BackupSettings, now: Date): Promise<ServerBackup> {
  const run = async (): Promise<ServerBackup> => {
    fs.mkdirSync(settings.dir, { recursive: true, mode: 0o700 });
    const file = path.join(settings.dir, nameFor(settings.dir, now));
    const manifest = await writeBackup(src, file, now);
    const all = listBackups(settings.dir);
    const removed = all.slice(0, Math.max(0, all.length - settings.keep));
    for (const n of removed) fs.rmSync(path.join(settings.dir, n), { force: true });
    return { file, manifest, removed };
  };
  const next = queue.then(run, run);
  queue = next.catch(() => {});
  return next;
}

/** One line for the log: what a backup holds. */
export function describeBackup(m: BackupManifest): string {
  const rows = Object.values(m.tables).reduce((a, b) => a + b, 0);
  const files =
    m.files.store === 's3'
      ? `${m.files.count} files stay in ${m.files.location}`
      : `${m.files.included}/${m.files.count} files, ${m.files.bytes} bytes`;
  const problems = m.files.missing.length ? `, ${m.files.missing.length} files MISSING from the store` : '';
  return `${rows} rows in ${Object.keys(m.tables).length} tables, ${files}${problems}, key ${m.dataKey?.fingerprint ?? 'none'}`;
}
