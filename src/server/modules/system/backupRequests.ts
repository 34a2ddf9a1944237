/**
 * A backup of a running embedded server (在线备份). A PGlite directory can be opened by one process only, so while
 * `npm start` runs, `tuoguan backup` cannot read the database itself. Instead it drops a request file into
 * `DATA_DIR/backup-requests/`; the server (which polls that folder every second) answers `<id>.accepted`, writes
 * a backup into its BACKUP_DIR from a consistent snapshot without stopping, and answers `<id>.done` naming the file
 * (or the error). Only someone who can write into DATA_DIR can ask, and the server writes only into its own
 * backup folder.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config.js';
import type { BackupManifest } from '../../db/backup.js';
import type { Db } from '../../db/client.js';
import {
  type BackupSettings,
  backupSettingsFromEnv,
  backupSourceFor,
  describeBackup,
  writeBackupInto,
} from './backups.js';

const ID = /^([0-9a-f]{32})\.request$/;

export function requestDir(dataDir: string): string {
  return path.join(dataDir, 'backup-requests');
}

function writeAtomic(file: string, text: string): void {
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, text, { mode: 0o600 });
  fs.renameSync(tmp, file);
}

export type BackupAnswer = { ok: true; file: string; manifest: BackupManifest } | { ok: false; error: string };

/** Serves the requests waiting in the folder, all with one backup. Answers how many it served. */
export async function serveBackupRequests(
  db: Db,
  config: Pick<Config, 'dataDir' | 's3' | 'dataKey'>,
  settings: BackupSettings,
  now: () => Date,
): Promise<number> {
  const dir = requestDir(config.dataDir);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return 0;
  }
  const ids = names.flatMap((n) => ID.exec(n)?.[1] ?? []).filter((id) => !names.includes(`${id}.done`));
  if (!ids.length) return 0;
  for (const id of ids) writeAtomic(path.join(dir, `${id}.accepted`), String(process.pid));
  let answer: BackupAnswer;
  try {
    const r = await writeBackupInto(backupSourceFor(db, config), settings, now());
    answer = { ok: true, file: r.file, manifest: r.manifest };
  } catch (e) {
    answer = { ok: false, error: (e as Error).message };
  }
  for (const id of ids) {
    writeAtomic(path.join(dir, `${id}.done`), JSON.stringify(answer));
    fs.rmSync(path.join(dir, `${id}.request`), { force: true });
    fs.rmSync(path.join(dir, `${id}.accepted`), { force: true });
  }
  return ids.length;
}

/** The server's side: a pass every `everyMs` (the folder is tiny; reading it costs nothing). */
export function startBackupRequests(
  db: Db,
  config: Pick<Config, 'dataDir' | 's3' | 'dataKey'>,
  settings: BackupSettings,
  log: (msg: string, err?: unknown) => void,
  everyMs = 1000,
): { stop: () => Promise<void> } {
  fs.mkdirSync(requestDir(config.dataDir), { recursive: true, mode: 0o700 });
  let current: Promise<void> | null = null;
  const timer = setInterval(() => {
    if (current) return;
    current = serveBackupRequests(db, config, settings, () => new Date())
      .then((n) => {
        if (n) log(`backup requested by the command line written (${n} request${n > 1 ? 's' : ''})`);
      })
      .catch((e) => log('backup request failed', e))
      .finally(() => {
        current = null;
      });
  }, everyMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await current;
    },
  };
}

/**
 * The command line's side: asks the server running on `dataDir` for a backup and waits for its answer. Null when
 * no server picked the request up within `acceptMs` (an older version, or not running after all).
 */
export async function requestBackup(
  dataDir: string,
  opts: { acceptMs?: number; doneMs?: number; pollMs?: number } = {},
): Promise<BackupAnswer | null> {
  const { acceptMs = 15_000, doneMs = 60 * 60_000, pollMs = 200 } = opts;
  const dir = requestDir(dataDir);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const id = randomBytes(16).toString('hex');
  const file = (ext: string) => path.join(dir, `${id}.${ext}`);
  writeAtomic(file('request'), JSON.stringify({ pid: process.pid, at: new Date().toISOString() }));
  const started = Date.now();
  let accepted = false;
  try {
    for (;;) {
      if (fs.existsSync(file('done'))) return JSON.parse(fs.readFileSync(file('done'), 'utf8')) as BackupAnswer;
      accepted ||= fs.existsSync(file('accepted'));
      const waited = Date.now() - started;
      if (!accepted && waited > acceptMs) return null;
      if (waited > doneMs)
        return { ok: false, error: `no answer from the server after ${Math.round(waited / 1000)} s` };
      await new Promise((r) => setTimeout(r, pollMs));
    }
  } finally {
    for (const ext of ['request', 'accepted', 'done']) fs.rmSync(file(ext), { force: true });
  }
}

export { describeBackup };

/**
 * What `npm start` runs: says whether scheduled backups are on and where they go, and on the embedded database
 * serves the command line's backup requests.
 */
export function startServerBackups(
  database: { db: Db; driver: 'pglite' | 'postgres' },
  config: Pick<Config, 'dataDir' | 's3' | 'dataKey'>,
  log: (msg: string, err?: unknown) => void,
  env: NodeJS.ProcessEnv = process.env,
): { stop: () => Promise<void> } {
  const settings = backupSettingsFromEnv(env, config.dataDir);
  const when = settings.everyHours >= 24 ? 'daily at 02:30' : `every ${settings.everyHours} h`;
  log(
    settings.everyHours
      ? `定时备份已开启 / scheduled backups on: ${when} into ${settings.dir}, newest ${settings.keep} kept`
      : `定时备份未开启 / scheduled backups are off: BACKUP_EVERY_HOURS=24 makes one daily into ${settings.dir}; ` +
          '`npm run cli -- backup FILE` works while the server runs',
  );
  const requests = database.driver === 'pglite' ? startBackupRequests(database.db, config, settings, log) : null;
  return { stop: async () => requests?.stop() };
}
