/**
 * Changing the organisation tree: create, edit, move a subtree, deactivate/reactivate (never delete: an org has
 * history). Each change runs in one transaction with its audit event.
 */
import { eq, sql } from 'drizzle-orm';
import { allowedChildKinds, type OrgKind } from '../../../domain/org/orgKinds.js';
import type { Actor } from '../../auth/actor.js';
import { authorize, orgAbilities, orgPolicy, type OrgRef } from '../../auth/policy.js';
import type { RequestContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { organizations } from '../../db/schema.js';
import { AppError, conflict, invalid, notFound } from '../../errors.js';
import { diff, recordEvent } from '../../events/audit.js';
import { creditCodeTaken, findVisibleOrg, type OrgRow } from './orgs.repo.js';
import type { CreateOrgInput, OrgDto, UpdateOrgInput } from './orgs.schema.js';

export const asRef = (o: OrgRow): OrgRef => ({ id: o.id, path: o.path, kind: o.kind, active: o.active });

export function presentOrg(actor: Actor, o: OrgRow): OrgDto {
  return {
    id: o.id,
    parentId: o.parentId,
    path: o.path,
    kind: o.kind,
    unitType: o.unitType,
    name: o.name,
    creditCode: o.creditCode,
    divisionCode: o.divisionCode,
    address: o.address,
    contactName: o.contactName,
    contactPhone: o.contactPhone,
    active: o.active,
    version: o.version,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
    abilities: orgAbilities(actor, asRef(o)),
  };
}

/** Loads an org the actor can see, or throws NOT_FOUND. */
export async function loadOrg(db: Db, actor: Actor, id: number): Promise<OrgRow> {
  const o = await findVisibleOrg(db, actor, id);
  if (!o) throw notFound();
  return o;
}

function checkKind(parentKind: OrgKind, kind: OrgKind, unitType: string | null | undefined) {
  if (!allowedChildKinds(parentKind).includes(kind)) {
    throw invalid('该上级组织下不能建立此类组织', 'This kind of organisation cannot be placed under that parent');
  }
  checkUnitType(kind, unitType);
}

function checkUnitType(kind: OrgKind, unitType: string | null | undefined) {
  if (kind === 'unit' && !unitType) throw invalid('基层单位须选择单位类型', 'A grassroots unit needs a unit type');
  if (kind !== 'unit' && unitType) throw invalid('只有基层单位有单位类型', 'Only grassroots units have a unit type');
}

/** Inserts an org under an already-authorised parent (shared by the API and the import). */
export async function insertOrg(
  tx: Db,
  ctx: RequestContext,
  parent: Pick<OrgRow, 'id' | 'path'>,
  input: Omit<CreateOrgInput, 'parentId'>,
): Promise<OrgRow> {
  if (input.creditCode && (await creditCodeTaken(tx, input.creditCode))) {
    throw conflict(
      `统一社会信用代码 ${input.creditCode} 已被其他组织使用`,
      `Credit code ${input.creditCode} is already used`,
    );
  }
  const [created] = await tx
    .insert(organizations)
    .values({
      parentId: parent.id,
      path: '',
      kind: input.kind,
      unitType: input.unitType ?? null,
      name: input.name,
      creditCode: input.creditCode ?? null,
      divisionCode: input.divisionCode ?? null,
      address: input.address ?? null,
      contactName: input.contactName ?? null,
      contactPhone: input.contactPhone ?? null,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    })
    .returning();
  if (!created) throw new AppError('INTERNAL');
  const path = `${parent.path}${created.id}/`;
  const [row] = await tx.update(organizations).set({ path }).where(eq(organizations.id, created.id)).returning();
  if (!row) throw new AppError('INTERNAL');
  await recordEvent(tx, ctx, { action: 'org.create', entity: 'org', entityId: row.id, orgPath: path, after: row });
  return row;
}

export async function createOrg(db: Db, ctx: RequestContext, actor: Actor, input: CreateOrgInput): Promise<OrgRow> {
  return db.transaction(async (tx) => {
    const parent = await findVisibleOrg(tx, actor, input.parentId);
    authorize(!!parent && orgPolicy.createChild(actor, asRef(parent)), !!parent);
    if (!parent) throw notFound();
    checkKind(parent.kind, input.kind, input.unitType);
    const { parentId: _p, ...rest } = input;
    return insertOrg(tx, ctx, parent, rest);
  });
}

export async function updateOrg(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  input: UpdateOrgInput,
): Promise<OrgRow> {
  return db.transaction(async (tx) => {
    const o = await findVisibleOrg(tx, actor, id);
    authorize(!!o && orgPolicy.update(actor, asRef(o)), !!o);
    if (!o) throw notFound();
    if (o.version !== input.version) throw new AppError('STALE_VERSION');
    const { version: _v, ...fields } = input;
    if (fields.unitType !== undefined) checkUnitType(o.kind, fields.unitType);
    if (fields.creditCode && (await creditCodeTaken(tx, fields.creditCode, o.id))) {
      throw conflict(
        `统一社会信用代码 ${fields.creditCode} 已被其他组织使用`,
        `Credit code ${fields.creditCode} is already used`,
      );
    }
    const change = diff(o as Record<string, unknown>, fields as Record<string, unknown>);
    if (!change) return o;
    const [row] = await tx
      .update(organizations)
      .set({ ...change.after, version: o.version + 1, updatedAt: ctx.now })
      .where(eq(organizations.id, o.id))
      .returning();
    if (!row) throw new AppError('INTERNAL');
    await recordEvent(tx, ctx, { action: 'org.update', entity: 'org', entityId: o.id, orgPath: o.path, ...change });
    return row;
  });
}

export async function moveOrg(db: Db, ctx: RequestContext, actor: Actor, id: number, newParentId: number) {
  return db.transaction(async (tx) => {
    const o = await findVisibleOrg(tx, actor, id);
    authorize(!!o && orgPolicy.move(actor, asRef(o)), !!o);
    if (!o) throw notFound();
    const target = await findVisibleOrg(tx, actor, newParentId);
    authorize(!!target && orgPolicy.createChild(actor, asRef(target)), !!target);
    if (!target) throw notFound();
    if (target.path.startsWith(o.path))
      throw invalid('不能移动到自身的下级', 'An organisation cannot move under itself');
    if (target.id === o.parentId) return o;
    checkKind(target.kind, o.kind, o.unitType);
    const newPath = `${target.path}${o.id}/`;
    const moved = await tx
      .update(organizations)
      .set({ path: sql`${newPath} || substr(${organizations.path}, ${o.path.length + 1})` })
      .where(sql`${organizations.path} LIKE ${`${o.path}%`}`)
      .returning({ id: organizations.id });
    const [row] = await tx
      .update(organizations)
      .set({ parentId: target.id, version: o.version + 1, updatedAt: ctx.now })
      .where(eq(organizations.id, o.id))
      .returning();
    if (!row) throw new AppError('INTERNAL');
    await recordEvent(tx, ctx, {
      action: 'org.move',
      entity: 'org',
      entityId: o.id,
      orgPath: newPath,
      before: { parentId: o.parentId, path: o.path },
      after: { parentId: target.id, path: newPath, subtreeSize: moved.length },
    });
    return row;
  });
}

/** Deactivation covers the whole subtree: a closed district's units close with it. Reactivation is per node. */
export async function setOrgActive(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  active: boolean,
  reason: string,
) {
  return db.transaction(async (tx) => {
    const o = await findVisibleOrg(tx, actor, id);
    const allowed = !!o && (active ? orgPolicy.reactivate(actor, asRef(o)) : orgPolicy.deactivate(actor, asRef(o)));
    authorize(allowed, !!o);
    if (!o) throw notFound();
    if (active && o.parentId) {
      const [parent] = await tx.select().from(organizations).where(eq(organizations.id, o.parentId));
      if (!parent?.active) throw invalid('请先启用上级组织', 'Reactivate the parent organisation first');
    }
    const affected = await tx
      .update(organizations)
      .set({ active, updatedAt: ctx.now, version: sql`${organizations.version} + 1` })
      .where(
        active
          ? eq(organizations.id, o.id)
          : sql`${organizations.path} LIKE ${`${o.path}%`} AND ${organizations.active} = true`,
      )
      .returning({ id: organizations.id });
    await recordEvent(tx, ctx, {
      action: active ? 'org.reactivate' : 'org.deactivate',
      entity: 'org',
      entityId: o.id,
      orgPath: o.path,
      before: { active: o.active },
      after: { active, reason, affectedIds: affected.map((a) => a.id) },
    });
    const [row] = await tx.select().from(organizations).where(eq(organizations.id, o.id));
    if (!row) throw new AppError('INTERNAL');
    return row;
  });
}
