/**
 * `tuoguan audit verify`: walks the audit log in order, recomputes each row's hash and checks each link.
 * Reads in pages so that a long log does not fill memory.
 */
import { asc, gt } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { auditLog } from '../db/schema.js';
import { GENESIS_HASH, hashAuditRow } from './audit.js';

export type VerifyResult =
  | { ok: true; rows: number }
  | { ok: false; rows: number; brokenId: number; reason: 'hash' | 'link' };

export async function verifyAuditChain(db: Db, pageSize = 5000): Promise<VerifyResult> {
  let prev = GENESIS_HASH;
  let lastId = 0;
  let count = 0;
  for (;;) {
    const page = await db
      .select()
      .from(auditLog)
      .where(gt(auditLog.id, lastId))
      .orderBy(asc(auditLog.id))
      .limit(pageSize);
    if (page.length === 0) return { ok: true, rows: count };
    for (const r of page) {
      count++;
      if (r.prevHash !== prev) return { ok: false, rows: count, brokenId: r.id, reason: 'link' };
      const expect = hashAuditRow({
        at: r.at,
        actorId: r.actorId,
        actorName: r.actorName,
        action: r.action,
        entity: r.entity,
        entityId: r.entityId,
        orgPath: r.orgPath,
        before: r.before,
        after: r.after,
        requestId: r.requestId,
        ip: r.ip,
        prevHash: r.prevHash,
      });
      if (expect !== r.hash) return { ok: false, rows: count, brokenId: r.id, reason: 'hash' };
      prev = r.hash;
      lastId = r.id;
    }
  }
}
