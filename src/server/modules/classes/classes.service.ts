/**
 * Care classes: create and edit (while draft or returned), the lifecycle with its timeline, comments, and the
 * staff roster. Every write is one transaction with its audit event and a fresh policy-engine verdict.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Campaign } from '../../../domain/campaign/index.js';
import { type ClassAction, PRE_SUBMISSION_RULES, TRANSITIONS } from '../../../domain/classes/lifecycle.js';
import type { Actor } from '../../auth/actor.js';
import { adminLevelOver, authorize } from '../../auth/policy.js';
import type { RequestContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import {
  campaigns,
  careClasses,
  classEnrolment,
  classStaff,
  classTransitions,
  classUnits,
  counterparties,
  organizations,
  venues,
} from '../../db/schema.js';
import { AppError, conflict, invalid, notFound } from '../../errors.js';
import { diff, recordEvent } from '../../events/audit.js';
import { findVisibleOrg } from '../orgs/orgs.repo.js';
import { type ClassRow, findVisibleClass, latestVerdict, unitsOf } from './classes.repo.js';
import { approvalBlockers, refusalText } from './classes.approval.js';
import { classPolicy, type ClassRef } from './classes.policy.js';
import type { CreateClassInput } from './classes.schema.js';

/**
 * The row as stored after its event: the compliance module re-evaluates the class inside the event (same
 * transaction) and writes failing_rules and verdict_at, so the row is read again.
 */
async function afterEvaluation(tx: Db, id: number): Promise<ClassRow> {
  const [row] = await tx.select().from(careClasses).where(eq(careClasses.id, id));
  if (!row) throw new AppError('INTERNAL');
  return row;
}

export async function loadClass(db: Db, actor: Actor, id: number): Promise<{ row: ClassRow; ref: ClassRef }> {
  const row = await findVisibleClass(db, actor, id);
  if (!row) throw notFound();
  const units = (await unitsOf(db, [row.id])).get(row.id) ?? [];
  return { row, ref: { status: row.status as ClassRef['status'], units } };
}

/** Checks that the venue and counterparties a class points at belong to one of its units (or their parents). */
async function checkReferences(tx: Db, unitIds: number[], input: Partial<CreateClassInput>) {
  const unitPaths = (
    await tx.select({ path: organizations.path }).from(organizations).where(inArray(organizations.id, unitIds))
  ).map((r) => r.path);
  const ownedByUnits = async (orgId: number) => {
    const [o] = await tx.select({ path: organizations.path }).from(organizations).where(eq(organizations.id, orgId));
    return !!o && unitPaths.some((p) => p.startsWith(o.path));
  };
  if (input.venueId) {
    const [v] = await tx.select().from(venues).where(eq(venues.id, input.venueId));
    if (!v?.active || !(await ownedByUnits(v.orgId)))
      throw invalid(
        '所选场地不属于本单位或已停用',
        'The venue does not belong to this unit or is inactive',
        'body.venueId',
      );
  }
  for (const [key, kind] of [
    ['catererId', 'caterer'],
    ['partnerId', 'partner'],
    ['providerId', 'provider'],
  ] as const) {
    const id = input[key];
    if (!id) continue;
    const [p] = await tx.select().from(counterparties).where(eq(counterparties.id, id));
    if (!p || p.kind !== kind || !p.active || !(await ownedByUnits(p.orgId))) {
      throw invalid(
        `所选${kind === 'caterer' ? '配餐企业' : kind === 'partner' ? '合作机构' : '服务机构'}无效`,
        `The chosen ${kind} is not valid for this unit`,
        `body.${key}`,
      );
    }
  }
}

/**
 * Refuses a class whose fields contradict each other or the campaign (issue 12: bad input is refused, never quietly
 * changed); each refusal names its field. `season` is the campaign's; changed dates must lie inside it.
 */
function checkShape(input: Partial<CreateClassInput>, current?: ClassRow, season?: Campaign['season']) {
  const start = input.startDate !== undefined ? input.startDate : current?.startDate;
  const end = input.endDate !== undefined ? input.endDate : current?.endDate;
  if (start && end && start > end)
    throw invalid('结束日期不能早于开始日期', 'The end date is before the start date', 'body.endDate');
  const datesChanged = input.startDate !== undefined || input.endDate !== undefined;
  if (season && datesChanged) {
    const window = `${season.start} – ${season.end}`;
    if (start && (start < season.start || start > season.end))
      throw invalid(
        `开始日期 ${start} 不在项目时段（${window}）内`,
        `The start date ${start} is outside the campaign's season (${window})`,
        'body.startDate',
      );
    if (end && (end < season.start || end > season.end))
      throw invalid(
        `结束日期 ${end} 不在项目时段（${window}）内`,
        `The end date ${end} is outside the campaign's season (${window})`,
        'body.endDate',
      );
  }
  const ds = input.dailyStart ?? current?.dailyStart;
  const de = input.dailyEnd ?? current?.dailyEnd;
  if (ds && de && ds >= de)
    throw invalid('每日结束时间须晚于开始时间', 'The daily end time must be after the start time', 'body.dailyEnd');
  const mode = input.mode ?? current?.mode;
  if (mode !== 'joint' && input.coUnitIds?.length)
    throw invalid('只有联合开办的托管班才有共建单位', 'Only a joint class has co-owning units', 'body.coUnitIds');
  const meals = input.meals ?? current?.meals;
  if (meals !== 'contracted' && input.catererId)
    throw invalid('自行配餐或不供餐时不需要配餐企业', 'A caterer is only for contracted meals', 'body.catererId');
}

/** Co-owners of a joint class: active units the actor can see, or units under the same parent union. */
async function resolveCoUnits(tx: Db, actor: Actor, ownerId: number, ids: number[]): Promise<number[]> {
  const [owner] = await tx.select().from(organizations).where(eq(organizations.id, ownerId));
  const unique = [...new Set(ids.filter((i) => i !== ownerId))];
  for (const id of unique) {
    const [o] = await tx.select().from(organizations).where(eq(organizations.id, id));
    const sibling = !!o && !!owner && o.parentId === owner.parentId;
    if (o?.kind !== 'unit' || !o.active || !(sibling || (await findVisibleOrg(tx, actor, id)))) {
      throw invalid(
        `共建单位 ${id} 无效（须为同一上级工会下的基层单位）`,
        `Co-owning unit ${id} is not a unit under the same union`,
        'body.coUnitIds',
      );
    }
  }
  return unique;
}

export async function createClass(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  input: CreateClassInput,
): Promise<ClassRow> {
  return db.transaction(async (tx) => {
    const unit = await findVisibleOrg(tx, actor, input.orgId);
    authorize(!!unit && unit.kind === 'unit' && unit.active && adminLevelOver(actor, unit.path) >= 1, !!unit);
    if (!unit) throw notFound();
    const [camp] = await tx.select().from(campaigns).where(eq(campaigns.id, input.campaignId));
    if (!camp || camp.status === 'closed' || !unit.path.startsWith(`/${camp.orgId}/`)) {
      throw invalid('所选项目不存在或已结束', 'The campaign does not exist or is closed', 'body.campaignId');
    }
    checkShape(input, undefined, camp.params.season);
    const coUnits = input.mode === 'joint' ? await resolveCoUnits(tx, actor, unit.id, input.coUnitIds ?? []) : [];
    await checkReferences(tx, [unit.id, ...coUnits], input);
    const { coUnitIds: _c, campaignId, orgId, ...fields } = input;
    const [row] = await tx
      .insert(careClasses)
      .values({ ...fields, campaignId, orgId, createdBy: actor.userId, createdAt: ctx.now, updatedAt: ctx.now })
      .returning();
    if (!row) throw new AppError('INTERNAL');
    await tx
      .insert(classUnits)
      .values([
        { classId: row.id, orgId: unit.id, isOwner: true },
        ...coUnits.map((id) => ({ classId: row.id, orgId: id, isOwner: false })),
      ]);
    await recordEvent(tx, ctx, {
      action: 'class.create',
      entity: 'class',
      entityId: row.id,
      orgPath: unit.path,
      after: { ...row, coUnits },
    });
    return afterEvaluation(tx, row.id);
  });
}

export async function updateClass(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  input: Partial<Omit<CreateClassInput, 'campaignId' | 'orgId'>> & { version: number },
): Promise<ClassRow> {
  return db.transaction(async (tx) => {
    const { row, ref } = await loadClass(tx, actor, id);
    authorize(classPolicy.update(actor, ref), true);
    if (row.version !== input.version) throw new AppError('STALE_VERSION');
    const [camp] = await tx
      .select({ params: campaigns.params })
      .from(campaigns)
      .where(eq(campaigns.id, row.campaignId));
    checkShape(input, row, camp?.params.season);
    const { version: _v, coUnitIds, ...fields } = input;
    const owner = ref.units.find((u) => u.isOwner);
    if (!owner) throw new AppError('INTERNAL');
    let coUnits = ref.units.filter((u) => !u.isOwner).map((u) => u.orgId);
    if (coUnitIds !== undefined || (fields.mode && fields.mode !== 'joint')) {
      coUnits =
        (fields.mode ?? row.mode) === 'joint' ? await resolveCoUnits(tx, actor, owner.orgId, coUnitIds ?? coUnits) : [];
    }
    await checkReferences(tx, [owner.orgId, ...coUnits], fields);
    const change = diff(row as Record<string, unknown>, fields as Record<string, unknown>);
    const beforeCo = ref.units.filter((u) => !u.isOwner).map((u) => u.orgId);
    const coChanged = beforeCo.join(',') !== coUnits.join(',');
    if (!change && !coChanged) return row;
    const [updated] = await tx
      .update(careClasses)
      .set({ ...(change?.after ?? {}), version: row.version + 1, updatedAt: ctx.now })
      .where(eq(careClasses.id, id))
      .returning();
    if (!updated) throw new AppError('INTERNAL');
    if (coChanged) {
      await tx.delete(classUnits).where(and(eq(classUnits.classId, id), eq(classUnits.isOwner, false)));
      if (coUnits.length)
        await tx.insert(classUnits).values(coUnits.map((o) => ({ classId: id, orgId: o, isOwner: false })));
    }
    await recordEvent(tx, ctx, {
      action: 'class.update',
      entity: 'class',
      entityId: id,
      orgPath: owner.path,
      before: { ...(change?.before ?? {}), ...(coChanged ? { coUnits: beforeCo } : {}) },
      after: { ...(change?.after ?? {}), ...(coChanged ? { coUnits } : {}) },
    });
    return afterEvaluation(tx, id);
  });
}

export async function transitionClass(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  action: ClassAction,
  comment?: string,
) {
  return db.transaction(async (tx) => {
    const { row, ref } = await loadClass(tx, actor, id);
    const t = TRANSITIONS[action];
    if (!t.from.includes(ref.status)) {
      throw conflict(`当前状态下不能执行此操作`, `This class cannot be moved by "${action}" from ${ref.status}`);
    }
    authorize(classPolicy.transition(actor, ref, action), true);
    if (t.reasonRequired && !comment?.trim()) throw invalid('退回时须写明原因', 'A return needs written reasons');
    const [updated] = await tx
      .update(careClasses)
      .set({ status: t.to, version: row.version + 1, updatedAt: ctx.now })
      .where(eq(careClasses.id, id))
      .returning();
    if (!updated) throw new AppError('INTERNAL');
    // Opening for enrolment makes the class's place counters, so that the first applications take the fast path.
    if (t.to === 'open') await tx.insert(classEnrolment).values({ classId: id }).onConflictDoNothing();
    await tx.insert(classTransitions).values({
      classId: id,
      fromStatus: row.status,
      toStatus: t.to,
      actorId: actor.userId,
      actorName: actor.displayName,
      comment: comment?.trim() || null,
      at: ctx.now,
    });
    await recordEvent(tx, ctx, {
      action: `class.${action}`,
      entity: 'class',
      entityId: id,
      orgPath: ref.units.find((u) => u.isOwner)?.path ?? null,
      before: { status: row.status },
      after: { status: t.to, comment: comment ?? null },
    });
    if (action === 'approve') {
      // The event above re-evaluated the class; a failing approval rule or an unconfirmed venue undoes it all,
      // with every reason named (the console shows the same list on its disabled approve button).
      const verdict = await latestVerdict(tx, id);
      const blockers = await approvalBlockers(
        tx,
        row,
        (verdict?.results ?? []) as Parameters<typeof approvalBlockers>[2],
      );
      if (blockers.length) {
        const text = refusalText(blockers);
        throw conflict(text.zh, text.en);
      }
      return afterEvaluation(tx, id);
    }
    if (action === 'submit') {
      // The event above re-evaluated the class (compliance module); failing pre-submission rules undo it all.
      const verdict = await latestVerdict(tx, id);
      const blocking = (
        (verdict?.results ?? []) as { id: string; status: string; message: unknown; fix?: unknown }[]
      ).filter((r) => r.status === 'fail' && (PRE_SUBMISSION_RULES as readonly string[]).includes(r.id));
      if (blocking.length) {
        throw new AppError(
          'CLASS_RULES_FAILING',
          { count: blocking.length },
          { details: blocking.map((r) => ({ id: r.id, message: r.message, fix: r.fix ?? null })) },
        );
      }
      return afterEvaluation(tx, id);
    }
    return updated;
  });
}

export async function commentOnClass(db: Db, ctx: RequestContext, actor: Actor, id: number, comment: string) {
  return db.transaction(async (tx) => {
    const { row, ref } = await loadClass(tx, actor, id);
    authorize(classPolicy.comment(actor, ref), true);
    await tx.insert(classTransitions).values({
      classId: id,
      fromStatus: row.status,
      toStatus: row.status,
      actorId: actor.userId,
      actorName: actor.displayName,
      comment,
      at: ctx.now,
    });
    await recordEvent(tx, ctx, {
      action: 'class.comment',
      entity: 'class',
      entityId: id,
      orgPath: ref.units[0]?.path ?? null,
      after: { comment },
    });
  });
}

export async function campaignOf(db: Db, campaignId: number): Promise<Campaign | undefined> {
  const [c] = await db.select({ params: campaigns.params }).from(campaigns).where(eq(campaigns.id, campaignId));
  return c?.params;
}

export async function addStaff(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  classId: number,
  input: typeof classStaff.$inferInsert,
) {
  return db.transaction(async (tx) => {
    const { ref } = await loadClass(tx, actor, classId);
    authorize(classPolicy.manageStaff(actor, ref), true);
    const [row] = await tx
      .insert(classStaff)
      .values({ ...input, classId, createdAt: ctx.now })
      .returning();
    if (!row) throw new AppError('INTERNAL');
    await recordEvent(tx, ctx, {
      action: 'class.staff_add',
      entity: 'class',
      entityId: classId,
      orgPath: ref.units[0]?.path ?? null,
      after: row,
    });
    return row;
  });
}

export async function removeStaff(db: Db, ctx: RequestContext, actor: Actor, classId: number, staffId: number) {
  return db.transaction(async (tx) => {
    const { ref } = await loadClass(tx, actor, classId);
    authorize(classPolicy.manageStaff(actor, ref), true);
    const [row] = await tx
      .update(classStaff)
      .set({ active: false })
      .where(and(eq(classStaff.id, staffId), eq(classStaff.classId, classId), eq(classStaff.active, true)))
      .returning();
    if (!row) throw notFound();
    await recordEvent(tx, ctx, {
      action: 'class.staff_remove',
      entity: 'class',
      entityId: classId,
      orgPath: ref.units[0]?.path ?? null,
      before: row,
    });
  });
}

export async function staffOf(db: Db, classIds: number[]) {
  if (classIds.length === 0) return [];
  return db
    .select()
    .from(classStaff)
    .where(and(inArray(classStaff.classId, classIds), eq(classStaff.active, true)))
    .orderBy(sql`${classStaff.id}`);
}
