/**
 * Seals the audit log: links rows appended since the last run into the hash chain, in the order this sealer first
 * sees them committed (`seq`). Appending stays cheap and lock-free inside every write transaction; only the sealer
 * serialises, on one advisory lock, so any number of app instances may run it. A sealed row is never changed again
 * (database trigger), and `verifyAuditChain` walks the chain by `seq`.
 */
import { asc, desc, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { auditLog } from '../db/schema.js';
import { GENESIS_HASH, hashAuditRow } from './audit.js';

// Serialises sealers across connections and app instances, so that each row links to its true predecessor.
const AUDIT_SEAL_LOCK = 727_001;

/** Seals every committed unsealed row, in batches. Returns how many rows were sealed. */
export async function sealAuditLog(db: Db, batch = 2000): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await db.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_SEAL_LOCK})`);
      const rows = await tx.select().from(auditLog).where(isNull(auditLog.hash)).orderBy(asc(auditLog.id)).limit(batch);
      if (!rows.length) return 0;
      const [last] = await tx
        .select({ seq: auditLog.seq, hash: auditLog.hash })
        .from(auditLog)
        .where(isNotNull(auditLog.seq))
        .orderBy(desc(auditLog.seq))
        .limit(1);
      let seq = last?.seq ?? 0;
      let prev = last?.hash ?? GENESIS_HASH;
      const sealed = rows.map((r) => {
        seq++;
        const hash = hashAuditRow({ ...r, prevHash: prev });
        const row = sql`(${r.id}::bigint, ${seq}::bigint, ${prev}::text, ${hash}::text)`;
        prev = hash;
        return row;
      });
      await tx.execute(sql`UPDATE audit_log AS a SET seq = v.seq, prev_hash = v.prev_hash, hash = v.hash
        FROM (VALUES ${sql.join(sealed, sql`, `)}) AS v(id, seq, prev_hash, hash) WHERE a.id = v.id`);
      return rows.length;
    });
    total += n;
    if (n < batch) return total;
  }
}

/** Every instance runs this: seals every `everyMs` (and once more on stop). */
export function startAuditSealer(
  db: Db,
  log: (msg: string, err?: unknown) => void,
  everyMs = 1000,
): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (running) return running;
    running = sealAuditLog(db)
      .catch((e) => log('audit sealer failed', e))
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
    await tick();
  };
}
