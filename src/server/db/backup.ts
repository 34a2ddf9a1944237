/**
 * Backup and restore that work the same on PGlite and PostgreSQL (and move data between them). A backup is one
 * tar file (backupArchive.ts):
 *   tables/<table>.json.gz   every row of every table, as JSON, from one snapshot
 *   files/<storage key>      the bytes of every uploaded file the `files` table names (local store only; on S3 the
 *                            manifest says where they stay)
 *   manifest.json            written last: format version, time, row and file counts, problems found, and the
 *                            fingerprint of the data key that sealed the ID numbers (never the key itself)
 * Restore goes only into a freshly migrated, empty database, so it can never overwrite or half-merge existing data;
 * it refuses before writing anything when the target does not hold the data key the backup was made with (a new
 * key would turn every sealed value into noise), writes the files byte-identical (checked against their SHA-256),
 * then inserts every table in one transaction (restore.ts). Backups of the first format (a gzip of all tables)
 * still restore.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { keyFingerprint } from '../crypto/secrets.js';
import { TarWriter } from './backupArchive.js';
import type { Db } from './client.js';

/**
 * Every table, in foreign-key order, with its ordering key and the serial columns whose sequences carry on after a
 * restore. test/api/backup.test.ts fails when a table of the schema is missing here.
 */
/**
 * `derived`: a table the database's own triggers fill while the tables before it are restored (the maintained
 * statistics); the restore replaces what they wrote with the backup's copy, so it must come after its sources.
 */
export const BACKUP_TABLES: readonly { name: string; key: string; serials: readonly string[]; derived?: true }[] = [
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
  { name: 'privacy_requests', key: 'id', serials: ['id'] },
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
  { name: 'needs_surveys', key: 'id', serials: ['id'] },
  { name: 'needs_survey_links', key: 'id', serials: ['id'] },
  { name: 'needs_survey_answers', key: 'id', serials: ['id'] },
  { name: 'report_requests', key: 'id', serials: ['id'] },
  { name: 'reports', key: 'id', serials: ['id'] },
  { name: 'report_versions', key: 'id', serials: ['id'] },
  { name: 'report_reminders', key: 'id', serials: ['id'] },
  { name: 'inspection_visits', key: 'id', serials: ['id'] },
  { name: 'inspection_inspectors', key: 'visit_id, user_id', serials: [] },
  { name: 'rectification_items', key: 'id', serials: ['id'] },
  { name: 'rectification_events', key: 'id', serials: ['id'] },
  { name: 'rectification_escalations', key: 'id', serials: ['id'] },
  { name: 'supervision_meetings', key: 'id', serials: ['id'] },
  { name: 'meeting_invitees', key: 'meeting_id, org_id', serials: [] },
  { name: 'practice_cases', key: 'id', serials: ['id'] },
  { name: 'budget_lines', key: 'id', serials: ['id'] },
  { name: 'ledger_entries', key: 'id', serials: ['id'] },
  { name: 'subsidy_policies', key: 'id', serials: ['id'] },
  { name: 'subsidy_lists', key: 'id', serials: ['id'] },
  { name: 'subsidy_list_items', key: 'id', serials: ['id'] },
  { name: 'subsidy_payments', key: 'id', serials: ['id'] },
  { name: 'news_posts', key: 'id', serials: ['id'] },
  { name: 'news_post_events', key: 'id', serials: ['id'] },
  { name: 'public_photo_children', key: 'id', serials: ['id'] },
  { name: 'publicity_notices', key: 'id', serials: ['id'] },
  { name: 'publicity_entries', key: 'id', serials: ['id'] },
  { name: 'publicity_objections', key: 'id', serials: ['id'] },
  { name: 'publicity_objection_responses', key: 'id', serials: ['id'] },
  { name: 'demonstration_namings', key: 'id', serials: ['id'] },
  { name: 'demonstration_revocations', key: 'id', serials: ['id'] },
  { name: 'selection_settings', key: 'campaign_id', serials: [] },
  { name: 'selection_applications', key: 'id', serials: ['id'] },
  { name: 'selection_snapshots', key: 'id', serials: ['id'] },
  { name: 'selection_recommendations', key: 'id', serials: ['id'] },
  { name: 'selection_panels', key: 'id', serials: ['id'] },
  { name: 'selection_assignments', key: 'id', serials: ['id'] },
  { name: 'selection_recusals', key: 'id', serials: ['id'] },
  { name: 'selection_scores', key: 'id', serials: ['id'] },
  { name: 'satisfaction_settings', key: 'class_id', serials: [] },
  { name: 'satisfaction_invitations', key: 'id', serials: ['id'] },
  { name: 'satisfaction_answers', key: 'id', serials: ['id'] },
  { name: 'volunteer_calls', key: 'id', serials: ['id'] },
  { name: 'volunteer_applications', key: 'id', serials: ['id'] },
  { name: 'staff_door_events', key: 'id', serials: ['id'] },
  { name: 'stats_class_days', key: 'class_id, day', serials: [], derived: true },
  { name: 'stats_class_totals', key: 'class_id', serials: [], derived: true },
  { name: 'stats_stale_classes', key: 'class_id', serials: [], derived: true },
  { name: 'stats_members', key: 'scope, scope_id, campaign_id, kind, member_id, from_day', serials: [], derived: true },
  { name: 'stats_scope_days', key: 'scope, scope_id, campaign_id, day', serials: [], derived: true },
  { name: 'job_runs', key: 'id', serials: ['id'] },
  { name: 'audit_log', key: 'id', serials: ['id'] },
];
const gzipAsync = promisify(gzip);

export const FORMAT = 'tuoguan-backup';
export const VERSION = 2;

/** Where uploaded files live: under DATA_DIR (their bytes go into backups) or in an S3-compatible bucket. */
export type FileStoreInfo = { kind: 'local'; root: string } | { kind: 's3'; endpoint: string; bucket: string };

/** Stored files by key, whole (storage/fileStore.ts `wholeFiles` over the configured store). */
export interface BackupFiles {
  /** The bytes, or null when the store has no such key. */
  read(key: string): Promise<Buffer | null>;
  /** Stores bytes under a key that must not exist yet. */
  write(key: string, bytes: Buffer): Promise<void>;
}

export interface BackupSource {
  db: Db;
  store: BackupFiles;
  storeInfo: FileStoreInfo;
  /** The key that sealed the data (only its fingerprint is recorded), or null when none is configured. */
  dataKey: Buffer | null;
}

export interface BackupManifest {
  format: typeof FORMAT;
  /** 1: the first format (gzip of the tables, no files, no key fingerprint); 2: this one. */
  version: number;
  createdAt: string;
  dataKey: { fingerprint: string } | null;
  /** Rows per table. */
  tables: Record<string, number>;
  files: {
    store: 'local' | 's3';
    /** Files the `files` table names. */
    count: number;
    /** Of those, how many have their bytes in this backup, and how many bytes. */
    included: number;
    bytes: number;
    /** Where the bytes are when they are not in the backup (S3), or null. */
    location: string | null;
    /** Named by a row but not in the store when the backup was made. */
    missing: string[];
    /** Bytes that no longer match the SHA-256 recorded at upload (kept as they were found). */
    damaged: string[];
  };
}

/** A backup or restore that cannot go ahead, with the reason in both languages. */
export class BackupError extends Error {
  constructor(
    readonly code:
      | 'UNREADABLE'
      | 'NOT_A_BACKUP'
      | 'INCOMPLETE'
      | 'NO_KEY'
      | 'KEY_MISMATCH'
      | 'FILES_IN_S3'
      | 'NOT_EMPTY'
      | 'FILE_DAMAGED'
      | 'NEWER_VERSION',
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${zh}\n${en}`);
  }
}

export type Row = Record<string, unknown>;

export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Every table's rows from one snapshot (REPEATABLE READ: a consistent picture while the app keeps writing). */
async function snapshot(db: Db): Promise<Record<string, Row[]>> {
  const tables: Record<string, Row[]> = {};
  await db.transaction(async (tx) => {
    await tx.execute(sql`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY`);
    for (const { name, key } of BACKUP_TABLES) {
      const res = (await tx.execute(
        sql.raw(`SELECT row_to_json(t) AS r FROM ${name} t ORDER BY ${key}`),
      )) as unknown as {
        rows: { r: Row }[];
      };
      tables[name] = res.rows.map((x) => x.r);
    }
  });
  return tables;
}

/**
 * Writes a backup to `file` (through a temporary name, renamed when complete). Files are read after the snapshot:
 * stored files are never changed or deleted, so every file the snapshot names is still there to copy.
 */
export async function writeBackup(src: BackupSource, file: string, now = new Date()): Promise<BackupManifest> {
  const tables = await snapshot(src.db);
  const fileRows = (tables.files ?? []).map((r) => ({ key: String(r.storage_key), sha256: String(r.sha256) }));
  const manifest: BackupManifest = {
    format: FORMAT,
    version: VERSION,
    createdAt: now.toISOString(),
    dataKey: src.dataKey ? { fingerprint: keyFingerprint(src.dataKey) } : null,
    tables: Object.fromEntries(BACKUP_TABLES.map((t) => [t.name, tables[t.name]?.length ?? 0])),
    files: {
      store: src.storeInfo.kind,
      count: fileRows.length,
      included: 0,
      bytes: 0,
      location: src.storeInfo.kind === 's3' ? `s3://${src.storeInfo.bucket} @ ${src.storeInfo.endpoint}` : null,
      missing: [],
      damaged: [],
    },
  };
  const tmp = `${file}.tmp-${process.pid}-${Date.now()}`;
  const out = await TarWriter.create(tmp);
  try {
    for (const { name } of BACKUP_TABLES) {
      // Compressed on libuv's thread pool: a running server keeps answering meanwhile.
      await out.add(`tables/${name}.json.gz`, await gzipAsync(JSON.stringify(tables[name] ?? [])), now);
      delete tables[name];
    }
    if (src.storeInfo.kind === 'local') {
      for (const f of fileRows) {
        const bytes = await src.store.read(f.key);
        if (!bytes) {
          manifest.files.missing.push(f.key);
          continue;
        }
        if (sha256(bytes) !== f.sha256) manifest.files.damaged.push(f.key);
        await out.add(`files/${f.key}`, bytes, now);
        manifest.files.included++;
        manifest.files.bytes += bytes.length;
      }
    }
    await out.add('manifest.json', Buffer.from(JSON.stringify(manifest, null, 2)), now);
    await out.finish();
    await fs.promises.rename(tmp, file);
  } catch (e) {
    await out.abort();
    await fs.promises.rm(tmp, { force: true });
    throw e;
  }
  return manifest;
}
