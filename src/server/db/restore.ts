/**
 * Restore (db/backup.ts describes the format): into a freshly migrated, empty database only; refused before
 * anything is written when the target lacks the data key that sealed the backup; files first (byte-identical, checked
 * against their SHA-256; a run repeated after a failure accepts the files it already wrote), then every table in one
 * transaction with the sequences carried on.
 */
import fs from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { createSealer, keyFingerprint, SEALED_VALUE } from '../crypto/secrets.js';
import {
  BACKUP_TABLES,
  type BackupManifest,
  BackupError,
  type BackupFiles,
  FORMAT,
  type FileStoreInfo,
  type Row,
  sha256,
  VERSION,
} from './backup.js';
import { ArchiveFormatError, looksLikeTar, TarReader } from './backupArchive.js';
import type { Db } from './client.js';

/** A backup opened for reading, whichever its format. */
export interface OpenedBackup {
  manifest: BackupManifest;
  rows(table: string): Promise<Row[]>;
  /** The bytes of a stored file, or null when the backup does not hold them. */
  fileBytes(key: string): Promise<Buffer | null>;
  close(): Promise<void>;
}

export async function openBackup(file: string): Promise<OpenedBackup> {
  const unreadable = (e: unknown) =>
    new BackupError(
      'UNREADABLE',
      `无法读取备份文件 ${file}：${(e as Error).message}`,
      `cannot read the backup file ${file}: ${(e as Error).message}`,
    );
  const notBackup = () =>
    new BackupError('NOT_A_BACKUP', `${file} 不是 Tuoguan 备份文件`, `${file} is not a Tuoguan backup`);
  let tar: boolean;
  try {
    tar = await looksLikeTar(file);
  } catch (e) {
    throw unreadable(e);
  }
  if (!tar) return openFirstFormat(file, unreadable, notBackup);
  let reader: TarReader;
  try {
    reader = await TarReader.open(file);
  } catch (e) {
    if (e instanceof ArchiveFormatError)
      throw new BackupError(
        'INCOMPLETE',
        `备份文件 ${file} 不完整或已损坏（${e.message}）`,
        `the backup ${file} is incomplete or damaged (${e.message})`,
      );
    throw unreadable(e);
  }
  try {
    const raw = await reader.read('manifest.json');
    if (!raw)
      throw new BackupError(
        'INCOMPLETE',
        `备份文件 ${file} 没有 manifest.json：备份未完成或复制不完整`,
        `the backup ${file} has no manifest.json: it was not finished, or the copy is incomplete`,
      );
    const manifest = JSON.parse(raw.toString('utf8')) as BackupManifest;
    if (manifest.format !== FORMAT || manifest.version !== VERSION) throw notBackup();
    return {
      manifest,
      async rows(table) {
        const b = await reader.read(`tables/${table}.json.gz`);
        // A table added after the backup was made starts empty; one the manifest lists must be there.
        if (!b && !(table in manifest.tables)) return [];
        if (!b)
          throw new BackupError(
            'INCOMPLETE',
            `备份文件缺少清单中列出的 ${table} 表`,
            `the backup lacks the ${table} table its manifest lists`,
          );
        return JSON.parse(gunzipSync(b).toString('utf8')) as Row[];
      },
      fileBytes: (key) => reader.read(`files/${key}`),
      close: () => reader.close(),
    };
  } catch (e) {
    await reader.close();
    throw e;
  }
}

/** The first format: one gzip of `{format, version: 1, createdAt, tables}`, without files or key fingerprint. */
function openFirstFormat(file: string, unreadable: (e: unknown) => Error, notBackup: () => Error): OpenedBackup {
  let body: { format?: string; version?: number; createdAt?: string; tables?: Record<string, Row[]> };
  try {
    body = JSON.parse(gunzipSync(fs.readFileSync(file)).toString('utf8'));
  } catch (e) {
    throw unreadable(e);
  }
  if (body.format !== FORMAT || body.version !== 1 || !body.tables) throw notBackup();
  const tables = body.tables;
  return {
    manifest: {
      format: FORMAT,
      version: 1,
      createdAt: body.createdAt ?? '',
      dataKey: null,
      tables: Object.fromEntries(Object.entries(tables).map(([k, v]) => [k, v.length])),
      files: {
        store: 'local',
        count: tables.files?.length ?? 0,
        included: 0,
        bytes: 0,
        location: null,
        missing: [],
        damaged: [],
      },
    },
    rows: async (table) => tables[table] ?? [],
    fileBytes: async () => null,
    close: async () => {},
  };
}

const KEY_HELP = {
  zh: '请从原服务器复制数据密钥文件 DATA_DIR/data.key（或原来的 TUOGUAN_DATA_KEY），用 --key-file <文件> 指定后再恢复。',
  en: 'Copy the data key file DATA_DIR/data.key (or the TUOGUAN_DATA_KEY value) from the source server and pass it with --key-file <file>.',
};

/**
 * Refuses, before anything is written, a target whose data key is not the one that sealed the backup's data: by
 * the recorded fingerprint, and by opening a few sealed values (backups of the first format record no fingerprint).
 */
export function checkRestoreKey(manifest: BackupManifest, key: Buffer | null, sealedSamples: readonly string[] = []) {
  const expected = manifest.dataKey?.fingerprint ?? null;
  if (!key) {
    if (!expected && !sealedSamples.length) return;
    throw new BackupError(
      'NO_KEY',
      `缺少数据密钥：此备份中加密的身份证号等信息须用原来的密钥（指纹 ${expected ?? '未记录'}）才能读取；恢复不会生成新密钥（新密钥解不开任何数据）。${KEY_HELP.zh}`,
      `no data key: the sealed ID numbers in this backup can only be read with the key they were sealed with (fingerprint ${expected ?? 'not recorded'}); restore does not make a new key (it could open nothing). ${KEY_HELP.en}`,
    );
  }
  const actual = keyFingerprint(key);
  const mismatch = () =>
    new BackupError(
      'KEY_MISMATCH',
      `数据密钥不匹配：备份使用的密钥指纹为 ${expected ?? '未记录'}，此处的密钥指纹为 ${actual}。用错误的密钥恢复后所有加密的身份证号都无法读取，因此未恢复任何数据。${KEY_HELP.zh}`,
      `data key mismatch: the backup was sealed with key ${expected ?? '(not recorded)'}, the key here is ${actual}. With a different key every sealed ID number would be unreadable, so nothing was restored. ${KEY_HELP.en}`,
    );
  if (expected && expected !== actual) throw mismatch();
  const sealer = createSealer(key);
  for (const s of sealedSamples) {
    try {
      sealer.open(s);
    } catch {
      throw mismatch();
    }
  }
}

function sealedSamplesOf(rows: readonly Row[], into: string[], max = 3): void {
  for (const r of rows) {
    if (into.length >= max) return;
    for (const v of Object.values(r))
      if (typeof v === 'string' && SEALED_VALUE.test(v) && into.length < max) into.push(v);
  }
}

export interface RestoreTarget {
  db: Db;
  store: BackupFiles;
  storeInfo: FileStoreInfo;
  /** The key the target will run with; null when it has none (refused when the backup holds sealed data). */
  dataKey: Buffer | null;
}

export interface RestoreReport {
  manifest: BackupManifest;
  tables: Record<string, number>;
  files: { restored: number; bytes: number; alreadyThere: number };
  /** Things the operator must know, in both languages (files left in S3, files a first-format backup lacks …). */
  notes: { zh: string; en: string }[];
}

async function assertEmpty(db: Db): Promise<void> {
  for (const { name: t } of BACKUP_TABLES) {
    const res = (await db.execute(sql.raw(`SELECT count(*)::int AS n FROM ${t}`))) as unknown as {
      rows: { n: number }[];
    };
    if ((res.rows[0]?.n ?? 0) > 0)
      throw new BackupError(
        'NOT_EMPTY',
        `目标数据库不是空的（${t} 表有数据）；请恢复到新的数据库`,
        `the target database is not empty (${t} has rows); restore into a new one`,
      );
  }
}

export async function restoreBackup(target: RestoreTarget, file: string): Promise<RestoreReport> {
  const backup = await openBackup(file);
  try {
    const { manifest } = backup;
    // Before reading anything big: the key by its fingerprint, where the files are, and an empty target.
    if (manifest.dataKey) checkRestoreKey(manifest, target.dataKey);
    const notes: RestoreReport['notes'] = [];
    if (manifest.files.store === 's3' && manifest.files.count > 0) {
      if (target.storeInfo.kind !== 's3')
        throw new BackupError(
          'FILES_IN_S3',
          `此备份的 ${manifest.files.count} 个上传文件不在备份中，而在对象存储 ${manifest.files.location}；请先为目标配置同一存储（S3_BUCKET、S3_ENDPOINT 等）再恢复`,
          `the ${manifest.files.count} uploaded files of this backup are not in it but in ${manifest.files.location}; configure the target for that store (S3_BUCKET, S3_ENDPOINT …) before restoring`,
        );
      const here = `s3://${target.storeInfo.bucket} @ ${target.storeInfo.endpoint}`;
      notes.push({
        zh: `上传文件（${manifest.files.count} 个）保留在对象存储 ${manifest.files.location}，未随备份复制${here === manifest.files.location ? '' : `；目标配置的是 ${here}，请确认其中有这些文件`}`,
        en: `the ${manifest.files.count} uploaded files stay in ${manifest.files.location}; they were not copied${here === manifest.files.location ? '' : `; the target is configured for ${here}: make sure they are there`}`,
      });
    }
    if (manifest.version === 1 && manifest.files.count > 0)
      notes.push({
        zh: `这是旧版本的备份，不含上传文件（${manifest.files.count} 个）：请从原服务器复制 DATA_DIR/files 目录`,
        en: `a backup of the first format holds no uploaded files (${manifest.files.count}): copy DATA_DIR/files from the source`,
      });
    const unknown = Object.keys(manifest.tables).filter(
      (t) => (manifest.tables[t] ?? 0) > 0 && !BACKUP_TABLES.some((b) => b.name === t),
    );
    if (unknown.length)
      throw new BackupError(
        'NEWER_VERSION',
        `此备份来自更新的版本，含有本版本没有的表（${unknown.join(', ')}）；请先升级再恢复`,
        `this backup comes from a newer version, with tables this one lacks (${unknown.join(', ')}); upgrade first`,
      );
    await assertEmpty(target.db);

    const tables: Record<string, Row[]> = {};
    const samples: string[] = [];
    for (const { name } of BACKUP_TABLES) {
      tables[name] = await backup.rows(name);
      sealedSamplesOf(tables[name] ?? [], samples);
    }
    checkRestoreKey(manifest, target.dataKey, samples);

    const files = { restored: 0, bytes: 0, alreadyThere: 0 };
    if (manifest.version >= 2 && manifest.files.store === 'local') {
      for (const r of tables.files ?? []) {
        const key = String(r.storage_key);
        const bytes = await backup.fileBytes(key);
        if (!bytes) {
          if (manifest.files.missing.includes(key)) continue;
          throw new BackupError(
            'INCOMPLETE',
            `备份中缺少文件 ${key}`,
            `the backup lacks the file ${key} (damaged archive?)`,
          );
        }
        if (sha256(bytes) !== r.sha256 && !manifest.files.damaged.includes(key))
          throw new BackupError(
            'FILE_DAMAGED',
            `备份中的文件 ${key} 已损坏（SHA-256 不符）`,
            `the file ${key} in the backup is damaged (SHA-256 differs)`,
          );
        try {
          await target.store.write(key, bytes);
          files.restored++;
          files.bytes += bytes.length;
        } catch (e) {
          // A restore run again after a failure finds the files it already wrote: the same bytes are fine.
          const there = await target.store.read(key).catch(() => null);
          if (!there?.equals(bytes)) throw e;
          files.alreadyThere++;
        }
      }
      if (manifest.files.missing.length)
        notes.push({
          zh: `备份时已缺失 ${manifest.files.missing.length} 个文件（源存储中就没有）：${manifest.files.missing.slice(0, 5).join(', ')}`,
          en: `${manifest.files.missing.length} files were already missing from the source store when the backup was made: ${manifest.files.missing.slice(0, 5).join(', ')}`,
        });
    }

    const counts: Record<string, number> = {};
    await target.db.transaction(async (tx) => {
      await assertEmpty(tx as unknown as Db);
      for (const { name: t, serials, derived } of BACKUP_TABLES) {
        const rows = tables[t] ?? [];
        // Triggers filled it while its sources were restored: the backup's copy is the one to keep.
        if (derived) await tx.execute(sql.raw(`DELETE FROM ${t}`));
        for (let i = 0; i < rows.length; i += 500) {
          const chunk = JSON.stringify(rows.slice(i, i + 500));
          await tx.execute(
            sql`INSERT INTO ${sql.raw(t)} SELECT * FROM json_populate_recordset(null::${sql.raw(t)}, ${chunk}::json)`,
          );
        }
        counts[t] = rows.length;
        for (const c of serials) {
          await tx.execute(
            sql.raw(
              `SELECT setval(pg_get_serial_sequence('${t}', '${c}'), coalesce((SELECT max(${c}) FROM ${t}), 0) + 1, false)`,
            ),
          );
        }
      }
    });
    return { manifest, tables: counts, files, notes };
  } finally {
    await backup.close();
  }
}
