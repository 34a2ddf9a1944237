/**
 * Logical backup and restore that work the same on PGlite and PostgreSQL (and move data between them): every
 * table's rows as JSON, gzip-compressed. Restore goes only into a freshly migrated, empty database, so it can
 * never overwrite or half-merge existing data; it runs in one transaction.
 */
import fs from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import type { Database } from './client.js';

/** In foreign-key order, with each table's ordering key and whether it has a serial id to carry on from. */
export const BACKUP_TABLES = [
  { name: 'organizations', key: 'id', serial: true },
  { name: 'users', key: 'id', serial: true },
  { name: 'role_grants', key: 'id', serial: true },
  { name: 'sessions', key: 'id', serial: false },
  { name: 'settings', key: 'key', serial: false },
  { name: 'campaigns', key: 'id', serial: true },
  { name: 'files', key: 'id', serial: true },
  { name: 'venues', key: 'id', serial: true },
  { name: 'counterparties', key: 'id', serial: true },
  { name: 'care_classes', key: 'id', serial: true },
  { name: 'class_units', key: 'class_id, org_id', serial: false },
  { name: 'class_transitions', key: 'id', serial: true },
  { name: 'class_staff', key: 'id', serial: true },
  { name: 'rule_verdicts', key: 'id', serial: true },
  { name: 'audit_log', key: 'id', serial: true },
] as const;
const FORMAT = 'tuoguan-backup';
const VERSION = 1;

interface BackupFile {
  format: string;
  version: number;
  createdAt: string;
  tables: Record<string, unknown[]>;
}

export async function backupTo(database: Database, file: string): Promise<Record<string, number>> {
  const tables: Record<string, unknown[]> = {};
  const counts: Record<string, number> = {};
  await database.db.transaction(async (tx) => {
    // One snapshot for all tables.
    if (database.driver === 'postgres') await tx.execute(sql`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ`);
    for (const { name, key } of BACKUP_TABLES) {
      const res = (await tx.execute(
        sql.raw(`SELECT row_to_json(t) AS r FROM ${name} t ORDER BY ${key}`),
      )) as unknown as {
        rows: { r: unknown }[];
      };
      tables[name] = res.rows.map((x) => x.r);
      counts[name] = res.rows.length;
    }
  });
  const body: BackupFile = { format: FORMAT, version: VERSION, createdAt: new Date().toISOString(), tables };
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, gzipSync(JSON.stringify(body)));
  fs.renameSync(tmp, file);
  return counts;
}

export class RestoreError extends Error {}

export async function restoreFrom(database: Database, file: string): Promise<Record<string, number>> {
  let body: BackupFile;
  try {
    body = JSON.parse(gunzipSync(fs.readFileSync(file)).toString('utf8')) as BackupFile;
  } catch (e) {
    throw new RestoreError(`无法读取备份文件 / cannot read the backup file ${file}: ${(e as Error).message}`);
  }
  if (body.format !== FORMAT || body.version !== VERSION)
    throw new RestoreError('不是 Tuoguan 备份文件 / not a Tuoguan backup');
  const counts: Record<string, number> = {};
  await database.db.transaction(async (tx) => {
    for (const { name: t } of BACKUP_TABLES) {
      const res = (await tx.execute(sql.raw(`SELECT count(*)::int AS n FROM ${t}`))) as unknown as {
        rows: { n: number }[];
      };
      if ((res.rows[0]?.n ?? 0) > 0) {
        throw new RestoreError(
          `目标数据库不是空的（${t} 表有数据）；请恢复到新的数据库 / the target database is not empty (${t})`,
        );
      }
    }
    for (const { name: t, serial } of BACKUP_TABLES) {
      const rows = body.tables[t] ?? [];
      for (let i = 0; i < rows.length; i += 500) {
        const chunk = JSON.stringify(rows.slice(i, i + 500));
        await tx.execute(
          sql`INSERT INTO ${sql.raw(t)} SELECT * FROM json_populate_recordset(null::${sql.raw(t)}, ${chunk}::json)`,
        );
      }
      counts[t] = rows.length;
      if (serial) {
        await tx.execute(
          sql.raw(
            `SELECT setval(pg_get_serial_sequence('${t}', 'id'), coalesce((SELECT max(id) FROM ${t}), 0) + 1, false)`,
          ),
        );
      }
    }
  });
  return counts;
}
