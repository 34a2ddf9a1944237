/** Reading the audit log, scoped: each reader sees the rows of their subtree; city-wide rows only from the root. */
import { and, count, desc, eq, gte, inArray, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Actor } from '../../auth/actor.js';
import { inScope, scopeRoots } from '../../auth/scope.js';
import type { Db } from '../../db/client.js';
import { auditLog, users } from '../../db/schema.js';
import { redactValue } from '../../../domain/people/redact.js';
import { maskActorName } from '../../events/audit.js';
import type { auditQuery } from './audit.schema.js';

const AUDIT_READERS = ['city_admin', 'auditor'] as const;

export async function listAudit(db: Db, actor: Actor, q: z.infer<typeof auditQuery>) {
  // Rows tied to no organisation (sign-ins, settings) are city-wide: only a reader at the root sees them.
  const atRoot = scopeRoots(actor, AUDIT_READERS).some((p) => p.split('/').length === 3);
  const conds: SQL[] = [
    or(inScope(auditLog.orgPath, actor, AUDIT_READERS), atRoot ? isNull(auditLog.orgPath) : sql`false`) as SQL,
  ];
  if (q.action) conds.push(sql`${auditLog.action} LIKE ${`${q.action}%`}`);
  if (q.entity) conds.push(eq(auditLog.entity, q.entity));
  if (q.entityId) conds.push(eq(auditLog.entityId, q.entityId));
  if (q.actor) conds.push(eq(auditLog.actorName, q.actor));
  if (q.from) conds.push(gte(auditLog.at, q.from));
  if (q.to) conds.push(lte(auditLog.at, q.to));
  const where = and(...conds);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(auditLog).where(where),
  ]);
  const names = await personNames(db, rows);
  return {
    items: rows.map((r) => ({ ...presentAuditRow(r), personName: names.get(personOf(r) ?? -1) ?? null })),
    total: total?.n ?? 0,
  };
}

/** Whose row it is: the actor, or for a sign-in/sign-out (written without one) the account it names. */
function personOf(r: { actorId: number | null; action: string; entity: string; entityId: string | null }) {
  if (r.actorId !== null) return r.actorId;
  if ((r.action === 'auth.login' || r.action === 'auth.logout') && r.entity === 'user' && r.entityId)
    return Number(r.entityId) || null;
  return null;
}

async function personNames(db: Db, rows: Parameters<typeof personOf>[0][]): Promise<Map<number, string>> {
  const ids = [...new Set(rows.map(personOf).filter((v): v is number => v !== null))];
  if (ids.length === 0) return new Map();
  const found = await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, ids));
  return new Map(found.map((u) => [u.id, u.name]));
}

/**
 * Rows are masked again on the way out. Rows written since issue 13 come out unchanged (masking is idempotent),
 * but older ones hold full phones, nested personal fields and health notes in clear, and a sealed row can never be
 * rewritten (the hash chain and the trigger forbid it): the reading side is where they are kept from the reader, so
 * that the log is no back door around a withdrawn consent. Verification reads the stored rows and is unaffected.
 */
export function presentAuditRow<R extends { actorName: string | null; before: unknown; after: unknown }>(row: R): R {
  return {
    ...row,
    actorName: maskActorName(row.actorName),
    before: redactValue(null, row.before),
    after: redactValue(null, row.after),
  };
}
