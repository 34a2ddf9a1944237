/**
 * Logical backup and restore that work the same on PGlite and PostgreSQL (and move data between them): every
 * table's rows as JSON, gzip-compressed. Restore goes only into a freshly migrated, empty database, so it can
 * never overwrite or half-merge existing data; it runs in one transaction.
 */
import fs from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import type { Database } from './client.js';

/**
 * Every table, in foreign-key order, with its ordering key and the serial columns whose sequences carry on after a
 * restore. test/api/backup.test.ts fails when a table of the schema is missing here.
 */
export const BACKUP_TABLES: readonly { name: string; key: string; serials: readonly string[] }[] = [
  { name: 'organizations', key: 'id', serials: ['id'] },
  { name: 'users', key: 'id', serials: ['id'] },
  { name: 'role_grants', key: 'id', serials: ['id'] },
  { name: 'sessions', key: 'id', serials: [] },
  { name: 'login_failures', key: 'username', serials: [] },
  { name: 'rate_limit_hits', key: 'key', serials: [] },
  { name: 'settings', key: 'key', serials: [] },
  { name: 'campaigns', key: 'id', serials: ['id'] },
  { name: 'files', key: 'id', serials: ['id'] },
  { name: 'venues', key: 'id', serials: ['id'] },
  { name: 'counterparties', key: 'id', serials: ['id'] },
  { name: 'care_classes', key: 'id', serials: ['id'] },
  { name: 'class_units', key: 'class_id, org_id', serials: [] },
  { name: 'class_transitions', key: 'id', serials: ['id'] },
  { name: 'class_staff', key: 'id', serials: ['id'] },
  { name: 'rule_verdicts', key: 'id', serials: ['id'] },
  { name: 'families', key: 'id', serials: ['id'] },
  { name: 'guardians', key: 'user_id', serials: [] },
  { name: 'phone_codes', key: 'id', serials: ['id'] },
  { name: 'children', key: 'id', serials: ['id'] },
  { name: 'pickup_adults', key: 'id', serials: ['id'] },
  { name: 'consents', key: 'id', serials: ['id'] },
  { name: 'class_enrolment', key: 'class_id', serials: [] },
  { name: 'enrolments', key: 'id', serials: ['id', 'waitlist_seq'] },
  { name: 'agreement_texts', key: 'id', serials: ['id'] },
  { name: 'agreement_templates', key: 'id', serials: ['id'] },
  { name: 'agreement_signatures', key: 'id', serials: ['id'] },
  { name: 'insurance_proofs', key: 'id', serials: ['id'] },
  { name: 'attendance_events', key: 'id', serials: ['id'] },
  { name: 'attendance_days', key: 'class_id, child_id, day', serials: [] },
  { name: 'pickup_codes', key: 'id', serials: ['id'] },
  { name: 'daily_records', key: 'id', serials: ['id'] },
  { name: 'activity_sessions', key: 'id', serials: ['id'] },
  { name: 'incidents', key: 'id', serials: ['id'] },
  { name: 'incident_addenda', key: 'id', serials: ['id'] },
  { name: 'notifications', key: 'id', serials: ['id'] },
  { name: 'notification_channels', key: 'id', serials: ['id'] },
  { name: 'outbox', key: 'id', serials: ['id'] },
  { name: 'job_runs', key: 'id', serials: ['id'] },
  { name: 'audit_log', key: 'id', serials: ['id'] },
];
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
    for (const { name: t, serials } of BACKUP_TABLES) {
      const rows = body.tables[t] ?? [];
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
  return counts;
}
