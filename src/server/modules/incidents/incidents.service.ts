/**
 * Incidents (应急处理): report, addenda (note, update, guardian notified), close and reopen. Nothing is deleted or
 * overwritten: the incident row holds the current state and each change is an addendum with the fields' before
 * and after, written in the same transaction as the row's update (optimistic version), its audit event and, for
 * grave incidents, the alerts.
 */
import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../auth/actor.js';
import { authorize } from '../../auth/policy.js';
import type { RequestContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import type { FieldChanges } from '../../db/json-types.js';
import { incidentAddenda, incidents } from '../../db/schema.js';
import { AppError, type Bilingual, conflict, invalid, notFound } from '../../errors.js';
import { recordEvent } from '../../events/audit.js';
import { loadClass } from '../classes/classes.service.js';
import { alertIncident } from './incidents.alerts.js';
import {
  closeBlocker,
  closeRefusal,
  type IncidentClassRef,
  type IncidentRef,
  incidentPolicy,
} from './incidents.policy.js';
import { enrolledChildren, findVisibleIncident, type IncidentRow, unsafeClassRef } from './incidents.repo.js';
import {
  type AddendumInput,
  type IncidentKind,
  type IncidentSeverity,
  type ReportInput,
  SEVERITIES,
  type UpdateChanges,
} from './incidents.schema.js';

/** A refusal that says why (the generic FORBIDDEN message would not). */
class ForbiddenBecause extends AppError {
  constructor(private readonly reason: Bilingual) {
    super('FORBIDDEN');
  }
  override messageIn(lang: 'zh-CN' | 'en'): string {
    return lang === 'en' ? this.reason.en : this.reason.zh;
  }
}

/** Clock skew allowed between a phone and the server for times that must not lie in the future. */
const SKEW_MS = 5 * 60_000;

function pastInstant(iso: string, now: Date, field: string, label: Bilingual): Date {
  const d = new Date(iso);
  if (d.getTime() > now.getTime() + SKEW_MS)
    throw invalid(`${field}: ${label.zh}不能晚于当前时间`, `${field}: ${label.en} cannot be in the future`);
  return d;
}

async function checkChildren(tx: Db, classId: number, ids: number[]): Promise<number[]> {
  const unique = [...new Set(ids)];
  if (!unique.length) return unique;
  const enrolled = new Set((await enrolledChildren(tx, classId)).map((c) => c.id));
  const strangers = unique.filter((id) => !enrolled.has(id));
  if (strangers.length)
    throw invalid(
      `childIds: 儿童 ${strangers.join('、')} 不在本班就读名单中`,
      `childIds: children ${strangers.join(', ')} are not enrolled in this class`,
    );
  return unique;
}

export function refOf(i: IncidentRow): IncidentRef {
  return {
    severity: i.severity as IncidentSeverity,
    status: i.status as 'open' | 'closed',
    childCount: i.childIds.length,
    guardianNotifiedAt: i.guardianNotifiedAt,
  };
}

/** JSON-friendly values for addenda and the audit log. */
const plain = (v: unknown) => (v instanceof Date ? v.toISOString() : (v ?? null));

export async function loadIncident(db: Db, actor: Actor, id: number) {
  const row = await findVisibleIncident(db, actor, id);
  if (!row) throw notFound();
  const cls = await unsafeClassRef(db, actor, row.classId);
  return { row, cls };
}

async function unitOf(cls: { ref: IncidentClassRef; orgId: number }) {
  const owner = cls.ref.units.find((u) => u.isOwner);
  return { unitId: cls.orgId, unitPath: owner?.path ?? '', unitName: owner?.name ?? '' };
}

export async function reportIncident(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  classId: number,
  input: ReportInput,
): Promise<IncidentRow> {
  return db.transaction(async (tx) => {
    await loadClass(tx, actor, classId);
    const cls = await unsafeClassRef(tx, actor, classId);
    if (!incidentPolicy.report(actor, cls.ref)) {
      const onIt = incidentPolicy.seeChildren(actor, cls.ref);
      if (onIt)
        throw conflict(
          '托管班尚未开班或已归档，不能上报事件',
          'Incidents can be reported only for classes that are open, running or recently closed',
        );
      authorize(false, true);
    }
    const occurredAt = pastInstant(input.occurredAt, ctx.now, 'occurredAt', { zh: '发生时间', en: 'the time' });
    const guardianNotifiedAt = input.guardianNotifiedAt
      ? pastInstant(input.guardianNotifiedAt, ctx.now, 'guardianNotifiedAt', { zh: '通知时间', en: 'the time' })
      : null;
    if (!!input.guardianNotifiedBy !== !!guardianNotifiedAt)
      throw invalid(
        'guardianNotifiedBy/guardianNotifiedAt: 监护人通知须同时填写通知人和通知时间',
        'guardianNotifiedBy/guardianNotifiedAt: give both who notified the guardians and when',
      );
    const childIds = await checkChildren(tx, classId, input.childIds);
    const { unitId, unitPath, unitName } = await unitOf(cls);
    const fields = {
      kind: input.kind,
      severity: input.severity,
      occurredAt,
      description: input.description,
      childIds,
      peopleInvolved: input.peopleInvolved ?? null,
      actionsTaken: input.actionsTaken ?? null,
      guardianNotifiedBy: input.guardianNotifiedBy ?? null,
      guardianNotifiedAt,
      followUp: input.followUp ?? null,
    };
    const [row] = await tx
      .insert(incidents)
      .values({
        ...fields,
        classId,
        orgId: unitId,
        status: 'open',
        reportedBy: actor.userId,
        reportedByName: actor.displayName,
        createdAt: ctx.now,
      })
      .returning();
    if (!row) throw new AppError('INTERNAL');
    // The first addendum keeps the report as filed, so the history shows it even after updates.
    await tx.insert(incidentAddenda).values({
      incidentId: row.id,
      kind: 'report',
      changes: Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, { before: null, after: plain(v) }])),
      note: null,
      authorId: actor.userId,
      authorName: actor.displayName,
      at: ctx.now,
    });
    await recordEvent(tx, ctx, {
      action: 'incident.report',
      entity: 'incident',
      entityId: row.id,
      orgPath: unitPath,
      after: { classId, ...fields },
    });
    await alertIncident(tx, ctx.now, {
      id: row.id,
      kind: input.kind,
      severity: input.severity,
      description: input.description,
      occurredAt,
      className: cls.name,
      unitName,
      unitId,
      unitPath,
    });
    return row;
  });
}

function changesOf(row: IncidentRow, next: Record<string, unknown>): FieldChanges {
  const out: FieldChanges = {};
  for (const [k, v] of Object.entries(next)) {
    if (v === undefined) continue;
    const before = plain((row as Record<string, unknown>)[k]);
    const after = plain(v);
    if (JSON.stringify(before) !== JSON.stringify(after)) out[k] = { before, after };
  }
  return out;
}

/** Writes the row's new state (if the version still holds), the addendum and the audit event. */
async function apply(
  tx: Db,
  ctx: RequestContext,
  actor: Actor,
  row: IncidentRow,
  version: number,
  kind: 'note' | 'update' | 'guardian_notified' | 'close' | 'reopen',
  set: Partial<typeof incidents.$inferInsert>,
  changes: FieldChanges | null,
  note: string | null,
  orgPath: string,
): Promise<IncidentRow> {
  const [updated] = await tx
    .update(incidents)
    .set({ ...set, version: row.version + 1 })
    .where(and(eq(incidents.id, row.id), eq(incidents.version, version)))
    .returning();
  if (!updated) throw new AppError('STALE_VERSION');
  await tx.insert(incidentAddenda).values({
    incidentId: row.id,
    kind,
    changes,
    note,
    authorId: actor.userId,
    authorName: actor.displayName,
    at: ctx.now,
  });
  const before = changes ? Object.fromEntries(Object.entries(changes).map(([k, c]) => [k, c.before])) : null;
  const after = changes ? Object.fromEntries(Object.entries(changes).map(([k, c]) => [k, c.after])) : null;
  await recordEvent(tx, ctx, {
    action: `incident.${kind}`,
    entity: 'incident',
    entityId: row.id,
    orgPath,
    before,
    after: { ...(after ?? {}), ...(note ? { note } : {}) },
  });
  return updated;
}

export async function addAddendum(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  input: AddendumInput,
): Promise<IncidentRow> {
  return db.transaction(async (tx) => {
    const { row, cls } = await loadIncident(tx, actor, id);
    const ref = refOf(row);
    const { unitId, unitPath, unitName } = await unitOf(cls);
    if (input.kind === 'note') {
      authorize(incidentPolicy.addNote(actor, cls.ref), true);
      if (row.version !== input.version) throw new AppError('STALE_VERSION');
      return apply(tx, ctx, actor, row, input.version, 'note', {}, null, input.note, unitPath);
    }
    if (!incidentPolicy.update(actor, cls.ref, { ...ref, status: 'open' })) authorize(false, true);
    if (ref.status !== 'open')
      throw conflict(
        '事件已结案，须由区县管理员重新打开后才能修改',
        'The incident is closed; it must be reopened first',
      );
    if (row.version !== input.version) throw new AppError('STALE_VERSION');
    if (input.kind === 'guardian_notified') {
      const at = pastInstant(input.changes.guardianNotifiedAt, ctx.now, 'changes.guardianNotifiedAt', {
        zh: '通知时间',
        en: 'the time',
      });
      const next = { guardianNotifiedBy: input.changes.guardianNotifiedBy, guardianNotifiedAt: at };
      const changes = changesOf(row, next);
      if (!Object.keys(changes).length)
        throw invalid('changes: 与当前记录相同，没有修改', 'changes: nothing differs from the current record');
      return apply(
        tx,
        ctx,
        actor,
        row,
        input.version,
        'guardian_notified',
        next,
        changes,
        input.note ?? null,
        unitPath,
      );
    }
    const c: UpdateChanges = input.changes;
    const next: Partial<typeof incidents.$inferInsert> = {
      ...c,
      occurredAt: c.occurredAt
        ? pastInstant(c.occurredAt, ctx.now, 'changes.occurredAt', { zh: '发生时间', en: 'the time' })
        : undefined,
      childIds: c.childIds ? await checkChildren(tx, row.classId, c.childIds) : undefined,
    };
    const changes = changesOf(row, next as Record<string, unknown>);
    if (!Object.keys(changes).length)
      throw invalid('changes: 与当前记录相同，没有修改', 'changes: nothing differs from the current record');
    const set = Object.fromEntries(Object.keys(changes).map((k) => [k, (next as Record<string, unknown>)[k]]));
    const updated = await apply(
      tx,
      ctx,
      actor,
      row,
      input.version,
      'update',
      set,
      changes,
      input.note ?? null,
      unitPath,
    );
    // A raised severity alerts as a new grave report would.
    const from = row.severity as IncidentSeverity;
    const to = updated.severity as IncidentSeverity;
    if (SEVERITIES.indexOf(to) > SEVERITIES.indexOf(from)) {
      await alertIncident(tx, ctx.now, {
        id: row.id,
        kind: updated.kind as IncidentKind,
        severity: to,
        description: updated.description,
        occurredAt: updated.occurredAt,
        className: cls.name,
        unitName,
        unitId,
        unitPath,
        escalatedFrom: from,
      });
    }
    return updated;
  });
}

export async function closeIncident(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  input: { version: number; note: string },
): Promise<IncidentRow> {
  return db.transaction(async (tx) => {
    const { row, cls } = await loadIncident(tx, actor, id);
    const ref = refOf(row);
    const refusal = closeRefusal(actor, cls.ref, ref);
    if (refusal) throw new ForbiddenBecause(refusal);
    const blocker = closeBlocker(ref);
    if (blocker) throw conflict(blocker.zh, blocker.en);
    if (row.version !== input.version) throw new AppError('STALE_VERSION');
    const { unitPath } = await unitOf(cls);
    return apply(
      tx,
      ctx,
      actor,
      row,
      input.version,
      'close',
      { status: 'closed', closedBy: actor.userId, closedAt: ctx.now },
      { status: { before: 'open', after: 'closed' } },
      input.note,
      unitPath,
    );
  });
}

export async function reopenIncident(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  input: { version: number; note: string },
): Promise<IncidentRow> {
  return db.transaction(async (tx) => {
    const { row, cls } = await loadIncident(tx, actor, id);
    const ref = refOf(row);
    if (!incidentPolicy.reopen(actor, cls.ref, { ...ref, status: 'closed' }))
      throw new ForbiddenBecause({
        zh: '只有所属区县（产业）工会管理员可以重新打开事件',
        en: 'Only the district administrator reopens an incident',
      });
    if (ref.status !== 'closed') throw conflict('事件尚未结案', 'The incident is not closed');
    if (row.version !== input.version) throw new AppError('STALE_VERSION');
    const { unitPath } = await unitOf(cls);
    return apply(
      tx,
      ctx,
      actor,
      row,
      input.version,
      'reopen',
      { status: 'open', closedBy: null, closedAt: null },
      { status: { before: 'closed', after: 'open' } },
      input.note,
      unitPath,
    );
  });
}
