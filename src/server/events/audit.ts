/**
 * The audit log (审计日志): every change to the data is recorded here, in the same transaction as the change,
 * through `recordEvent` — the one path that services use. Rows are hash-chained: each row's hash covers its
 * content and the previous row's hash, so a changed or removed row breaks the chain at that row.
 */
import { createHash } from 'node:crypto';
import { desc, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { auditLog } from '../db/schema.js';
import { maskPhone } from '../../domain/people/mask.js';
import type { RequestContext } from '../context.js';
import { canonicalJson } from './canonical.js';

export interface DomainEvent {
  /** e.g. `org.create`, `user.deactivate`, `auth.login` */
  action: string;
  entity: string;
  entityId?: string | number | null;
  orgPath?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

export const GENESIS_HASH = '0'.repeat(64);
// Serialises appends across connections and app instances, so that each row links to its true predecessor.
const AUDIT_LOCK_KEY = 727_001;

const SECRET_FIELDS = new Set(['passwordHash', 'totpSecret', 'password', 'csrfToken']);
const PHONE_FIELDS = new Set(['phone', 'contactPhone']);

/** Personal data is masked and secrets are dropped before anything reaches the log. */
export function maskForAudit(rec: Record<string, unknown> | null | undefined): Record<string, unknown> | null {
  if (!rec) return null;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rec)) {
    if (v === undefined) continue;
    if (SECRET_FIELDS.has(k)) out[k] = v === null ? null : '[redacted]';
    else if (PHONE_FIELDS.has(k) && typeof v === 'string') out[k] = maskPhone(v);
    else out[k] = v instanceof Date ? v.toISOString() : v;
  }
  return out;
}

export interface AuditRowContent {
  at: Date;
  actorId: number | null;
  actorName: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  orgPath: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
  prevHash: string;
}

export function hashAuditRow(r: AuditRowContent): string {
  const body = canonicalJson({
    at: r.at.toISOString(),
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
  return createHash('sha256').update(body).digest('hex');
}

/**
 * Subscribers that react to domain events inside the same transaction (e.g. re-evaluating the classes a changed
 * venue serves), so derived data can never disagree with the change that caused it. Keyed by entity.
 */
export type EventSubscriber = (tx: Db, ctx: RequestContext, ev: DomainEvent) => Promise<void>;
const subscribers = new Map<string, EventSubscriber[]>();

export function onEvent(entity: string, fn: EventSubscriber): void {
  subscribers.set(entity, [...(subscribers.get(entity) ?? []), fn]);
}

/** Appends one audit row, then runs the entity's subscribers. Call it inside the transaction of the change. */
export async function recordEvent(tx: Db, ctx: RequestContext, ev: DomainEvent): Promise<void> {
  await appendAuditRow(tx, ctx, ev);
  for (const fn of subscribers.get(ev.entity) ?? []) await fn(tx, ctx, ev);
}

async function appendAuditRow(tx: Db, ctx: RequestContext, ev: DomainEvent): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
  const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  // Millisecond precision: what the column keeps is exactly what was hashed.
  const at = new Date(ctx.now.getTime());
  const content: AuditRowContent = {
    at,
    actorId: ctx.actor?.userId ?? null,
    actorName: ctx.actor?.username ?? null,
    action: ev.action,
    entity: ev.entity,
    entityId: ev.entityId == null ? null : String(ev.entityId),
    orgPath: ev.orgPath ?? null,
    before: maskForAudit(ev.before),
    after: maskForAudit(ev.after),
    requestId: ctx.requestId,
    ip: ctx.ip,
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  await tx.insert(auditLog).values({ ...content, hash: hashAuditRow(content) });
}

/** Only the fields that changed, for a compact before/after pair. */
export function diff<T extends Record<string, unknown>>(
  before: T,
  after: Partial<T>,
): { before: Partial<T>; after: Partial<T> } | null {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  for (const k of Object.keys(after) as (keyof T)[]) {
    if (after[k] === undefined) continue;
    if (canonicalJson(before[k]) !== canonicalJson(after[k])) {
      b[k] = before[k];
      a[k] = after[k];
    }
  }
  return Object.keys(a).length ? { before: b, after: a } : null;
}
