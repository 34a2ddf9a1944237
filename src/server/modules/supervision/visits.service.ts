/**
 * Inspection visits (督导检查): planning by a district or the city, the inspector's submission from the phone (once:
 * a resend with the same clientId returns the stored visit), which turns every failed item into a rectification
 * item for the class's owning unit, and the visit's photos. Each write is one transaction with its audit event.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { todayInChina } from '../../../domain/calendar/dates.js';
import { CHECK_ITEMS, CHECK_LABELS, defaultDeadline } from '../../../domain/supervision/checklist.js';
import type { Actor } from '../../auth/actor.js';
import { authorize } from '../../auth/policy.js';
import type { RequestContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import {
  inspectionInspectors,
  inspectionVisits,
  organizations,
  rectificationItems,
  roleGrants,
  users,
} from '../../db/schema.js';
import { AppError, conflict, invalid, notFound } from '../../errors.js';
import { recordEvent } from '../../events/audit.js';
import type { FileStore } from '../../storage/fileStore.js';
import { IMAGE_KINDS } from '../../storage/contentType.js';
import { checkUpload, type ReceivedUpload } from '../../storage/upload.js';
import { presentAt } from '../attendance/attendance.headcount.js';
import { findVisibleClass, unitsOf } from '../classes/classes.repo.js';
import { filesOfOwner, type FileRow } from '../files/files.repo.js';
import { attachFile } from '../files/files.service.js';
import { notify } from '../notifications/notify.js';
import { visitAbilities, visitPolicy } from './supervision.policy.js';
import { findVisibleVisit, type VisitRow } from './supervision.repo.js';
import type { PlanVisitInput, SubmitVisitInput, VisitDto } from './supervision.schema.js';

export const VISIT_OWNER = 'inspection_visit';
/** Classes a visit may be planned to: approved for opening, or running. */
const VISITABLE = ['open', 'running'];

type StoredResult = VisitDto['results'];

export function presentVisit(actor: Actor, v: VisitRow, findings = 0): VisitDto {
  return {
    id: v.id,
    campaignId: v.campaignId,
    classId: v.classId,
    className: v.className,
    orgId: v.orgId,
    orgName: v.orgName,
    kind: v.kind as VisitDto['kind'],
    plannedDate: v.plannedDate,
    status: v.status as VisitDto['status'],
    note: v.note,
    items: v.items as VisitDto['items'],
    inspectors: v.inspectors,
    results: (v.results as StoredResult) ?? null,
    headCount: v.headCount,
    doorPresent: v.doorPresent,
    summary: v.summary,
    doneAt: v.doneAt,
    findings,
    version: v.version,
    abilities: visitAbilities(actor, v),
  };
}

export async function loadVisit(db: Db, actor: Actor, id: number): Promise<VisitRow> {
  const v = await findVisibleVisit(db, actor, id);
  if (!v) throw notFound();
  return v;
}

/** A visible class with its owning unit (the unit a visit goes to and findings are addressed to). */
export async function loadClassOwner(db: Db, actor: Actor, classId: number) {
  const c = await findVisibleClass(db, actor, classId);
  if (!c) throw notFound();
  const owner = (await unitsOf(db, [c.id])).get(c.id)?.find((u) => u.isOwner);
  if (!owner) throw notFound();
  return { cls: c, owner };
}

/** Active people holding the inspector role over the unit at `path` (督导员 in scope). */
export async function inspectorsOver(db: Db, path: string, ids?: number[]) {
  const rows = await db
    .selectDistinct({ id: users.id, name: users.displayName })
    .from(roleGrants)
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .innerJoin(organizations, eq(organizations.id, roleGrants.orgId))
    .where(
      and(
        eq(roleGrants.role, 'inspector'),
        eq(users.active, true),
        eq(organizations.active, true),
        sql`${path} LIKE ${organizations.path} || '%'`,
        ids ? inArray(users.id, ids.length ? ids : [0]) : undefined,
      ),
    );
  return rows.sort((a, b) => a.id - b.id);
}

export async function planVisit(db: Db, ctx: RequestContext, actor: Actor, input: PlanVisitInput): Promise<VisitRow> {
  return db.transaction(async (tx) => {
    const { cls, owner } = await loadClassOwner(tx, actor, input.classId);
    authorize(visitPolicy.plan(actor, owner.path), true);
    if (!VISITABLE.includes(cls.status))
      throw invalid(
        '只能对已开班或运行中的托管班安排督导',
        'Visits are planned to open or running classes',
        'body.classId',
      );
    const wanted = [...new Set(input.inspectorIds)];
    const found = await inspectorsOver(tx, owner.path, wanted);
    if (found.length !== wanted.length) {
      const missing = wanted.filter((id) => !found.some((f) => f.id === id));
      throw invalid(
        `督导员 ${missing.join('、')} 不在该单位的督导范围内`,
        `People ${missing.join(', ')} are not inspectors over this unit`,
        'body.inspectorIds',
      );
    }
    const items = input.items ? [...new Set(input.items)] : [...CHECK_ITEMS];
    const [row] = await tx
      .insert(inspectionVisits)
      .values({
        campaignId: cls.campaignId,
        classId: cls.id,
        orgId: owner.orgId,
        kind: input.kind,
        plannedDate: input.plannedDate,
        plannedBy: actor.userId,
        note: input.note || null,
        items,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning();
    if (!row) throw new AppError('INTERNAL');
    await tx.insert(inspectionInspectors).values(wanted.map((userId) => ({ visitId: row.id, userId })));
    await recordEvent(tx, ctx, {
      action: 'supervision.visit_plan',
      entity: 'inspection_visit',
      entityId: row.id,
      orgPath: owner.path,
      after: { ...row, inspectorIds: wanted },
    });
    await notify(
      tx,
      ctx.now,
      { userIds: wanted },
      {
        kind: 'supervision.visit_assigned',
        title: '督导检查任务',
        body: `${input.plannedDate} 督导托管班「${cls.name}」（${input.kind === 'unannounced' ? '不打招呼' : '提前告知'}）。`,
        link: `/inspect/#/visits/${row.id}`,
        data: { visitId: row.id, classId: cls.id },
      },
    );
    // An announced visit is told to the unit; an unannounced one is not told at all before it happens.
    if (input.kind === 'announced')
      await notify(
        tx,
        ctx.now,
        { orgs: [{ orgId: owner.orgId, roles: ['unit_admin'] }] },
        {
          kind: 'supervision.visit_announced',
          title: '督导检查通知',
          body: `${input.plannedDate} 将对托管班「${cls.name}」进行督导检查。`,
          link: `/classes/${cls.id}`,
          data: { visitId: row.id, classId: cls.id },
        },
      );
    const v = await findVisibleVisit(tx, actor, row.id);
    if (!v) throw new AppError('INTERNAL');
    return v;
  });
}

export async function cancelVisit(db: Db, ctx: RequestContext, actor: Actor, id: number, reason: string) {
  return db.transaction(async (tx) => {
    const v = await findVisibleVisit(tx, actor, id);
    authorize(!!v && visitPolicy.cancel(actor, v), !!v);
    if (!v) throw notFound();
    await tx
      .update(inspectionVisits)
      .set({ status: 'cancelled', version: v.version + 1, updatedAt: ctx.now })
      .where(eq(inspectionVisits.id, v.id));
    await recordEvent(tx, ctx, {
      action: 'supervision.visit_cancel',
      entity: 'inspection_visit',
      entityId: v.id,
      orgPath: v.orgPath,
      before: { status: v.status },
      after: { status: 'cancelled', reason },
    });
    return loadVisit(tx, actor, v.id);
  });
}

/** China wall-clock time on a day, as an instant. */
const chinaInstant = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`);

/**
 * The inspector's submission. Idempotent by `clientId`: the phone may send the same form again after a lost
 * answer, and gets the stored visit back; a different submission for a visit already done is a conflict.
 */
export async function submitVisit(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  input: SubmitVisitInput,
): Promise<{ visit: VisitRow; replay: boolean }> {
  return db.transaction(async (tx) => {
    const v = await findVisibleVisit(tx, actor, id);
    if (!v) throw notFound();
    if (v.clientId === input.clientId) return { visit: v, replay: true };
    authorize(v.inspectorIds.includes(actor.userId), true);
    if (v.status !== 'planned')
      throw conflict('这次督导已经提交或已取消', 'This visit was already submitted or cancelled');
    if (input.visitedOn > todayInChina(ctx.now))
      throw invalid('检查日期不能晚于今天', 'The visit date cannot be in the future', 'body.visitedOn');

    const keys = input.results.map((r) => r.key);
    if (new Set(keys).size !== keys.length) throw invalid('检查项重复', 'An item is answered twice', 'body.results');
    const unasked = keys.filter((k) => !v.items.includes(k));
    if (unasked.length)
      throw invalid(
        `本次督导不含检查项：${unasked.join('、')}`,
        `Not items of this visit: ${unasked.join(', ')}`,
        'body.results',
      );
    for (const r of input.results)
      if (r.result === 'fail' && !r.severity)
        throw invalid('不合格项须注明严重程度', 'A failed item needs a severity', `body.results.${r.key}.severity`);
    const cited = input.results.flatMap((r) => r.fileIds ?? []);
    if (cited.length) {
      const own = new Set((await filesOfOwner(tx, VISIT_OWNER, v.id)).map((f) => f.id));
      const foreign = cited.filter((f) => !own.has(f));
      if (foreign.length)
        throw invalid(
          `文件 ${foreign.join('、')} 不是本次督导的照片`,
          `Files ${foreign.join(', ')} are not this visit's`,
        );
    }

    const doorPresent = await presentAt(
      tx,
      v.classId,
      input.visitedOn,
      chinaInstant(input.visitedOn, input.visitedTime),
    );
    const results = input.results.map((r) => ({
      key: r.key,
      result: r.result,
      note: r.note || null,
      severity: r.result === 'fail' ? (r.severity ?? null) : null,
      fileIds: r.fileIds ?? [],
    }));
    const updated = await tx
      .update(inspectionVisits)
      .set({
        status: 'done',
        results,
        headCount: input.headCount ?? null,
        doorPresent,
        summary: input.summary || null,
        clientId: input.clientId,
        doneBy: actor.userId,
        doneAt: ctx.now,
        version: v.version + 1,
        updatedAt: ctx.now,
      })
      .where(and(eq(inspectionVisits.id, v.id), eq(inspectionVisits.status, 'planned')))
      .returning({ id: inspectionVisits.id });
    if (!updated.length) {
      // Another copy of the submission got there first (a double tap on a slow network).
      const again = await loadVisit(tx, actor, v.id);
      if (again.clientId === input.clientId) return { visit: again, replay: true };
      throw conflict('这次督导已经提交或已取消', 'This visit was already submitted or cancelled');
    }
    await recordEvent(tx, ctx, {
      action: 'supervision.visit_submit',
      entity: 'inspection_visit',
      entityId: v.id,
      orgPath: v.orgPath,
      before: { status: v.status },
      after: { status: 'done', results, headCount: input.headCount ?? null, doorPresent, visitedOn: input.visitedOn },
    });

    const findings = input.results.filter((r) => r.result === 'fail');
    for (const f of findings) {
      const severity = f.severity ?? 'medium';
      const [item] = await tx
        .insert(rectificationItems)
        .values({
          visitId: v.id,
          campaignId: v.campaignId,
          classId: v.classId,
          orgId: v.orgId,
          itemKey: f.key,
          severity,
          description: f.note?.trim() || `${CHECK_LABELS[f.key].zh}不合格`,
          deadline: f.deadline ?? defaultDeadline(input.visitedOn, severity),
          createdBy: actor.userId,
          createdAt: ctx.now,
          updatedAt: ctx.now,
        })
        .returning();
      if (!item) throw new AppError('INTERNAL');
      await recordEvent(tx, ctx, {
        action: 'supervision.item_open',
        entity: 'rectification_item',
        entityId: item.id,
        orgPath: v.orgPath,
        after: item,
      });
    }
    if (findings.length)
      await notify(
        tx,
        ctx.now,
        { orgs: [{ orgId: v.orgId, roles: ['unit_admin'] }] },
        {
          kind: 'supervision.items_opened',
          severity: findings.some((f) => f.severity === 'high') ? 'critical' : 'warning',
          title: '督导发现问题，请按期整改',
          body: `托管班「${v.className}」督导检查发现 ${findings.length} 项问题，请在期限内整改并上传整改材料。`,
          link: '/supervision/items',
          data: { visitId: v.id, classId: v.classId },
        },
      );
    return { visit: await loadVisit(tx, actor, v.id), replay: false };
  });
}

/** How many children the door had on site at a time of a day (the head count's comparison). */
export async function doorHeadcount(db: Db, v: VisitRow, day: string, time: string): Promise<number> {
  return presentAt(db, v.classId, day, chinaInstant(day, time));
}

/** A photo of a visit, by one of its inspectors (before or after submitting). Pictures only. */
export async function addVisitPhoto(
  db: Db,
  store: FileStore,
  ctx: RequestContext,
  v: VisitRow,
  received: ReceivedUpload,
): Promise<FileRow> {
  const checked = checkUpload(received, IMAGE_KINDS);
  return attachFile(
    db,
    store,
    ctx,
    { ownerType: VISIT_OWNER, ownerId: v.id, orgId: v.orgId, orgPath: v.orgPath },
    'photo',
    checked,
  );
}
