/** `tuoguan migrate`, `backup <file>`, `restore <file> [--key-file FILE]`. */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../server/config.js';
import { dataKeyFile, keyFingerprint, parseDataKey, readDataKey } from '../../server/crypto/secrets.js';
import { type BackupManifest, BackupError, writeBackup } from '../../server/db/backup.js';
import { checkRestoreKey, openBackup, restoreBackup } from '../../server/db/restore.js';
import { DataDirLockedError } from '../../server/db/client.js';
import { backupSourceFor, describeBackup } from '../../server/modules/system/backups.js';
import { requestBackup } from '../../server/modules/system/backupRequests.js';
import { describeFileStore, openFileStore, wholeFiles } from '../../server/storage/fileStore.js';
import { type CliIo, type Command, parseOptions, UsageError } from '../command.js';
import { withDatabase } from '../db.js';

export const migrate: Command = {
  name: 'migrate',
  summary: '应用数据库迁移 / apply the database migrations',
  usage: 'tuoguan migrate',
  async run(argv, io) {
    if (argv.length) throw new UsageError('migrate takes no arguments');
    await withDatabase(async (db) => {
      io.stdout.write(`migrations applied (${db.driver})\n`);
    });
    return 0;
  },
};

function report(io: CliIo, file: string, m: BackupManifest): number {
  io.stdout.write(`backup written to ${file}: ${describeBackup(m)}\n`);
  io.stdout.write(`rows: ${JSON.stringify(m.tables)}\n`);
  if (m.files.store === 's3')
    io.stdout.write(
      `注意：上传文件（${m.files.count} 个）不在此备份中，仍在对象存储 ${m.files.location}，请另行备份该存储桶\n` +
        `note: the ${m.files.count} uploaded files are not in this backup; they stay in ${m.files.location}: back up that bucket too\n`,
    );
  if (!m.dataKey)
    io.stderr.write(
      '警告：未找到数据密钥（TUOGUAN_DATA_KEY 或 DATA_DIR/data.key），备份未记录密钥指纹 / ' +
        'warning: no data key found (TUOGUAN_DATA_KEY or DATA_DIR/data.key); the backup records no key fingerprint\n',
    );
  else
    io.stdout.write(
      `数据密钥指纹 / data key fingerprint: ${m.dataKey.fingerprint} — 恢复时需要同一密钥 / a restore needs this same key: keep the key file (DATA_DIR/data.key) or TUOGUAN_DATA_KEY safe, apart from the backup\n`,
    );
  if (m.files.missing.length || m.files.damaged.length) {
    io.stderr.write(
      `警告：存储中缺少 ${m.files.missing.length} 个文件、${m.files.damaged.length} 个文件与上传时的校验值不符（备份已写入）/ ` +
        `warning: ${m.files.missing.length} files are missing from the store and ${m.files.damaged.length} no longer match their upload checksum (the backup was written): ` +
        `${[...m.files.missing, ...m.files.damaged].slice(0, 10).join(', ')}\n`,
    );
    return 1;
  }
  return 0;
}

/** The PGlite directory is held by a running server: ask it for the backup, then copy the file it wrote. */
async function backupFromRunningServer(io: CliIo, dataDir: string, file: string, locked: Error): Promise<number> {
  io.stderr.write(
    `数据目录正被运行中的服务器使用，改为请求该服务器在线备份… / the data directory is in use by the running server: asking it for a backup…\n`,
  );
  const answer = await requestBackup(dataDir);
  if (!answer) {
    io.stderr.write(
      `${locked.message}\n` +
        '运行中的服务器没有响应备份请求（可能是旧版本）。可以：使用 BACKUP_DIR（默认 DATA_DIR/backups）中的定时备份（BACKUP_EVERY_HOURS），或停止服务器后再运行本命令。\n' +
        'The running server did not answer the backup request (an older version?). Use its scheduled backups in BACKUP_DIR (default DATA_DIR/backups; set BACKUP_EVERY_HOURS), or stop the server and run this command again.\n',
    );
    return 1;
  }
  if (!answer.ok) {
    io.stderr.write(`服务器备份失败 / the server could not write the backup: ${answer.error}\n`);
    return 1;
  }
  if (path.resolve(answer.file) !== path.resolve(file)) {
    const tmp = `${file}.tmp-${process.pid}`;
    fs.copyFileSync(answer.file, tmp);
    fs.renameSync(tmp, file);
  }
  io.stdout.write(`服务器已在线写入备份 / the running server wrote the backup: ${answer.file}\n`);
  return report(io, file, answer.manifest);
}

export const backup: Command = {
  name: 'backup',
  summary: '备份全部数据和上传文件到文件（服务器运行时也可）/ back up all data and uploaded files (also while running)',
  usage: 'tuoguan backup <file>',
  async run(argv, io) {
    const [file, ...rest] = argv;
    if (!file || rest.length || file.startsWith('--')) throw new UsageError('backup needs exactly one file name');
    const config = loadConfig();
    const target = path.resolve(file);
    let manifest: BackupManifest;
    try {
      manifest = await withDatabase((db) => writeBackup(backupSourceFor(db.db, config), target));
    } catch (e) {
      if (e instanceof DataDirLockedError) return backupFromRunningServer(io, config.dataDir, target, e);
      throw e;
    }
    return report(io, target, manifest);
  },
};

/**
 * The key the restored data will be opened with: `--key-file`, else TUOGUAN_DATA_KEY, else DATA_DIR/data.key. A
 * key file given for a target that has none is copied to DATA_DIR/data.key after the restore, so the server
 * starts with it; a target that already has a different key is refused.
 */
function restoreKey(config: ReturnType<typeof loadConfig>, keyFile: string | undefined) {
  const existing = readDataKey(config);
  if (!keyFile) return { key: existing, install: null as Buffer | null };
  const given = parseDataKey(fs.readFileSync(keyFile, 'utf8'), keyFile);
  if (existing && !existing.equals(given))
    throw new BackupError(
      'KEY_MISMATCH',
      `--key-file 与目标已有的数据密钥（${config.dataKey ? 'TUOGUAN_DATA_KEY' : dataKeyFile(config.dataDir)}，指纹 ${keyFingerprint(existing)}）不同；请去掉其中一个`,
      `--key-file differs from the key the target already has (${config.dataKey ? 'TUOGUAN_DATA_KEY' : dataKeyFile(config.dataDir)}, fingerprint ${keyFingerprint(existing)}); remove one of them`,
    );
  return { key: given, install: existing ? null : given };
}

export const restore: Command = {
  name: 'restore',
  summary: '从备份文件恢复到空数据库（需要原数据密钥）/ restore a backup into an empty database (needs its data key)',
  usage: 'tuoguan restore <file> [--key-file DATA_KEY_FILE]',
  async run(argv, io) {
    const { opts, positional } = parseOptions(argv, { 'key-file': 'string' });
    const [file, ...rest] = positional;
    if (!file || rest.length) throw new UsageError('restore needs exactly one file name');
    const config = loadConfig();
    try {
      const { key, install } = restoreKey(config, opts['key-file'] as string | undefined);
      // The key is checked by its fingerprint before the target database is even opened (or created).
      const opened = await openBackup(file);
      const { manifest } = opened;
      await opened.close();
      if (manifest.dataKey) checkRestoreKey(manifest, key);
      const r = await withDatabase(
        async (db) => {
          await db.migrate();
          return restoreBackup(
            { db: db.db, store: wholeFiles(openFileStore(config)), storeInfo: describeFileStore(config), dataKey: key },
            file,
          );
        },
        { migrate: false },
      );
      if (install) {
        fs.mkdirSync(config.dataDir, { recursive: true });
        fs.writeFileSync(dataKeyFile(config.dataDir), install.toString('hex'), { mode: 0o600, flag: 'wx' });
        io.stdout.write(`数据密钥已写入 / data key installed: ${dataKeyFile(config.dataDir)}\n`);
      }
      io.stdout.write(`restored from ${file}: ${JSON.stringify(r.tables)}\n`);
      io.stdout.write(
        `files: ${r.files.restored} restored (${r.files.bytes} bytes)${r.files.alreadyThere ? `, ${r.files.alreadyThere} already there` : ''}; data key ${key ? keyFingerprint(key) : 'none'}\n`,
      );
      for (const n of r.notes) io.stdout.write(`注意 / note: ${n.zh} / ${n.en}\n`);
      return 0;
    } catch (e) {
      if (e instanceof BackupError) {
        io.stderr.write(`${e.zh}\n${e.en}\n`);
        if ((e.code === 'NO_KEY' || e.code === 'KEY_MISMATCH') && !config.dataKey)
          io.stderr.write(
            `提示：此处的密钥文件是 ${dataKeyFile(config.dataDir)}（或设置 TUOGUAN_DATA_KEY）/ hint: the key file here is ${dataKeyFile(config.dataDir)} (or set TUOGUAN_DATA_KEY)\n`,
          );
        if (e.code === 'NOT_EMPTY' && !config.databaseUrl)
          io.stderr.write(`提示：换一个空的 DATA_DIR 再恢复 / hint: restore into a new, empty DATA_DIR\n`);
        return 1;
      }
      throw e;
    }
  },
};
