/**
 * `tuoguan audit verify`: seals what is waiting, then walks the chain in order (`seq`), recomputes each row's hash
 * and checks each link. Reads in pages so that a long log does not fill memory.
 */
import { asc, and, gt, isNotNull } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { auditLog } from '../db/schema.js';
import { GENESIS_HASH, hashAuditRow } from './audit.js';
import { sealAuditLog } from './seal.js';

export type VerifyResult =
  | { ok: true; rows: number }
  | { ok: false; rows: number; brokenId: number; reason: 'hash' | 'link' };

export async function verifyAuditChain(db: Db, pageSize = 5000): Promise<VerifyResult> {
  await sealAuditLog(db);
  let prev = GENESIS_HASH;
  let lastSeq = 0;
  let count = 0;
  for (;;) {
    const page = await db
      .select()
      .from(auditLog)
      .where(and(isNotNull(auditLog.seq), gt(auditLog.seq, lastSeq)))
      .orderBy(asc(auditLog.seq))
      .limit(pageSize);
    if (page.length === 0) return { ok: true, rows: count };
    for (const r of page) {
      count++;
      if (r.prevHash !== prev) return { ok: false, rows: count, brokenId: r.id, reason: 'link' };
      const expect = hashAuditRow({ ...r, prevHash: r.prevHash });
      if (expect !== r.hash) return { ok: false, rows: count, brokenId: r.id, reason: 'hash' };
      prev = r.hash;
      lastSeq = r.seq ?? lastSeq;
    }
  }
}
