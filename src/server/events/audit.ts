/**
 * The audit log (审计日志): every change to the data is recorded here, in the same transaction as the change,
 * through `recordEvent` — the one path that services use. Rows are hash-chained: each row's hash covers its
 * content and the previous row's hash, so a changed or removed row breaks the chain at that row. Rows are appended
 * unsealed and linked into the chain shortly after commit by the sealer (seal.ts); the database refuses any other
 * change to a row.
 */
import { createHash } from 'node:crypto';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { auditLog } from '../db/schema.js';
import { maskPersonalText } from '../../domain/people/mask.js';
import { redactRecord } from '../../domain/people/redact.js';
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

/**
 * Personal data is masked and secrets are dropped before anything reaches the log, at every depth (redactRecord):
 * phones and ID numbers masked wherever they sit, health notes and other medical text withheld (the row says the
 * field changed, not what it said). Runs before the row is written, so what is hashed is already masked.
 */
export function maskForAudit(rec: Record<string, unknown> | null | undefined): Record<string, unknown> | null {
  if (!rec) return null;
  return redactRecord(rec);
}

/** The acting person's name as the log keeps it: an account name holding a phone number shows it masked. */
export function maskActorName(name: string | null | undefined): string | null {
  return name == null ? null : maskPersonalText(name);
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
 * venue serves), so derived data can never disagree with the change that caused it. Modules declare theirs in the
 * module registry (src/server/modules/index.ts); every entry point (app, CLI, demo, benches, test harness) installs
 * them from there with `installModules()`. Nothing registers itself by being imported.
 */
export type EventSubscriber = (tx: Db, ctx: RequestContext, ev: DomainEvent) => Promise<void>;

/** One module's interest in an entity's events (optionally only some actions). */
export interface Subscription {
  entity: string;
  /** Only these actions (e.g. `enrolment.confirm`); every action of the entity when left out. */
  actions?: readonly string[];
  handle: EventSubscriber;
}

let installed: Map<string, Subscription[]> | null = null;

/** Replaces the installed subscriptions (idempotent for the same list; called by installModules). */
export function installSubscriptions(subs: readonly Subscription[]): void {
  const byEntity = new Map<string, Subscription[]>();
  for (const s of subs) byEntity.set(s.entity, [...(byEntity.get(s.entity) ?? []), s]);
  installed = byEntity;
}

/** Appends one audit row, then runs the entity's subscribers. Call it inside the transaction of the change. */
export async function recordEvent(tx: Db, ctx: RequestContext, ev: DomainEvent): Promise<void> {
  // Appended unsealed: no lock and no read of the chain's tail inside the caller's transaction, so writes all over
  // the product do not queue behind one another. The sealer (seal.ts) links rows into the chain after commit.
  await tx.insert(auditLog).values(auditRowValues(ctx, ev));
  await runSubscribers(tx, ctx, ev);
}

/** The entity's subscribers (recordEvent runs them; a hot path that writes its audit row itself calls this). */
export async function runSubscribers(tx: Db, ctx: RequestContext, ev: DomainEvent): Promise<void> {
  // Loud, not silent: an entry point that forgot to install the registry would otherwise skip derived data.
  if (!installed)
    throw new Error('domain-event subscribers are not installed: call installModules() (src/server/modules/index.ts)');
  for (const s of installed.get(ev.entity) ?? [])
    if (!s.actions || s.actions.includes(ev.action)) await s.handle(tx, ctx, ev);
}

function auditRowValues(ctx: RequestContext, ev: DomainEvent) {
  return {
    // Millisecond precision: what the column keeps is exactly what is hashed when the row is sealed.
    at: new Date(ctx.now.getTime()),
    actorId: ctx.actor?.userId ?? null,
    actorName: maskActorName(ctx.actor?.username),
    action: ev.action,
    entity: ev.entity,
    entityId: ev.entityId == null ? null : String(ev.entityId),
    orgPath: ev.orgPath ?? null,
    before: maskForAudit(ev.before),
    after: maskForAudit(ev.after),
    requestId: ctx.requestId,
    ip: ctx.ip,
  };
}

/**
 * For a hot path that stores a change and its audit row in ONE statement (a data-modifying CTE): the
 * `INSERT INTO audit_log … SELECT …` of recordEvent's row, with the entity id taken from an SQL expression over
 * the statement's other parts (e.g. `(SELECT id FROM ins)`). Same masking and columns as recordEvent.
 */
export function auditInsertSql(ctx: RequestContext, ev: DomainEvent, entityIdExpr: SQL): SQL {
  const v = auditRowValues(ctx, ev);
  const json = (x: Record<string, unknown> | null) => (x === null ? sql`NULL` : sql`${JSON.stringify(x)}::jsonb`);
  return sql`INSERT INTO audit_log (at, actor_id, actor_name, action, entity, entity_id, org_path, before, after,
      request_id, ip)
    SELECT ${v.at.toISOString()}::timestamptz, ${v.actorId}::int, ${v.actorName}::text, ${v.action}::text,
      ${v.entity}::text, (${entityIdExpr})::text, ${v.orgPath}::text, ${json(v.before)}, ${json(v.after)},
      ${v.requestId}::text, ${v.ip}::text`;
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
