/**
 * People and their role grants: create (with a first grant), edit, grant/revoke, deactivate (ends every session
 * at once), reset password, reveal a phone number (audited).
 */
import { randomInt } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { maskPhone } from '../../../domain/people/mask.js';
import { ROLE_SPECS, type Role } from '../../../domain/people/roles.js';
import type { Actor } from '../../auth/actor.js';
import { assertPasswordAcceptable, hashPassword } from '../../auth/passwords.js';
import { authorize, orgPolicy, userPolicy, type UserRef } from '../../auth/policy.js';
import { destroyUserSessions } from '../../auth/sessions.js';
import type { RequestContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { roleGrants, users } from '../../db/schema.js';
import { AppError, conflict, invalid, notFound } from '../../errors.js';
import { diff, recordEvent } from '../../events/audit.js';
import { findVisibleOrg } from '../orgs/orgs.repo.js';
import { findUserByLogin } from '../../auth/accounts.js';
import { findVisibleUser, type GrantRow, grantsOf, type UserRow } from './users.repo.js';
import type { CreateUserInput, UserDto } from './users.schema.js';

const toRef = (u: UserRow, grants: GrantRow[]): UserRef => ({
  id: u.id,
  grants: grants.filter((g) => g.userId === u.id).map((g) => ({ role: g.role, orgPath: g.orgPath })),
});

export function presentUser(actor: Actor, u: UserRow, grants: GrantRow[]): UserDto {
  const mine = grants.filter((g) => g.userId === u.id);
  const manage = userPolicy.manage(actor, toRef(u, grants));
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    phoneMasked: maskPhone(u.phone),
    active: u.active,
    mustChangePassword: u.mustChangePassword,
    totpEnabled: u.totpEnabled,
    lastLoginAt: u.lastLoginAt,
    createdAt: u.createdAt,
    version: u.version,
    grants: mine.map((g) => ({
      id: g.id,
      role: g.role,
      orgId: g.orgId,
      orgName: g.orgName,
      orgKind: g.orgKind,
      orgActive: g.orgActive,
      revocable:
        orgPolicy.grantRole(actor, { id: g.orgId, path: g.orgPath, kind: g.orgKind, active: true }, g.role) &&
        u.id !== actor.userId,
    })),
    abilities: { manage, revealPhone: manage && !!u.phone },
  };
}

/** A readable temporary password: 12 characters without look-alikes (0/O, 1/l/I). */
export function temporaryPassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
  return Array.from({ length: 12 }, () => alphabet[randomInt(alphabet.length)]).join('');
}

export async function loadUser(db: Db, actor: Actor, id: number) {
  const u = await findVisibleUser(db, actor, id);
  if (!u) throw notFound();
  return { user: u, grants: await grantsOf(db, [u.id]) };
}

async function loadManageable(tx: Db, actor: Actor, id: number) {
  const found = await findVisibleUser(tx, actor, id);
  const grants = found ? await grantsOf(tx, [found.id]) : [];
  authorize(!!found && userPolicy.manage(actor, toRef(found, grants)), !!found);
  if (!found) throw notFound();
  return { user: found, grants };
}

async function checkGrantable(tx: Db, actor: Actor, role: Role, orgId: number) {
  const org = await findVisibleOrg(tx, actor, orgId);
  authorize(
    !!org && orgPolicy.grantRole(actor, { id: org.id, path: org.path, kind: org.kind, active: org.active }, role),
    !!org,
  );
  if (!org) throw notFound();
  return org;
}

export async function createUser(db: Db, ctx: RequestContext, actor: Actor, input: CreateUserInput) {
  const initialPassword = input.password ?? temporaryPassword();
  assertPasswordAcceptable(initialPassword, input.username);
  const passwordHash = await hashPassword(initialPassword);
  return db.transaction(async (tx) => {
    const org = await checkGrantable(tx, actor, input.role, input.orgId);
    if (await findUserByLogin(tx, input.username))
      throw conflict(`用户名 ${input.username} 已存在`, `Username ${input.username} is taken`);
    if (input.phone && (await findUserByLogin(tx, input.phone)))
      throw conflict('该手机号已被其他账号使用', 'This phone number belongs to another account');
    const [u] = await tx
      .insert(users)
      .values({
        username: input.username,
        displayName: input.displayName,
        phone: input.phone ?? null,
        passwordHash,
        mustChangePassword: true,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning();
    if (!u) throw new AppError('INTERNAL');
    await tx
      .insert(roleGrants)
      .values({ userId: u.id, role: input.role, orgId: org.id, grantedBy: actor.userId, createdAt: ctx.now });
    await recordEvent(tx, ctx, {
      action: 'user.create',
      entity: 'user',
      entityId: u.id,
      orgPath: org.path,
      after: { username: u.username, displayName: u.displayName, phone: u.phone, role: input.role, orgId: org.id },
    });
    return { user: u, grants: await grantsOf(tx, [u.id]), initialPassword: input.password ? null : initialPassword };
  });
}

export async function updateUser(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  input: { displayName?: string | undefined; phone?: string | null | undefined; version: number },
) {
  return db.transaction(async (tx) => {
    const { user } = await loadManageable(tx, actor, id);
    if (user.version !== input.version) throw new AppError('STALE_VERSION');
    if (input.phone) {
      const other = await findUserByLogin(tx, input.phone);
      if (other && other.id !== user.id)
        throw conflict('该手机号已被其他账号使用', 'This phone number belongs to another account');
    }
    const { version: _v, ...fields } = input;
    const change = diff(user as Record<string, unknown>, fields as Record<string, unknown>);
    if (change) {
      await tx
        .update(users)
        .set({ ...change.after, version: user.version + 1, updatedAt: ctx.now })
        .where(eq(users.id, user.id));
      await recordEvent(tx, ctx, { action: 'user.update', entity: 'user', entityId: user.id, ...change });
    }
    return loadUser(tx, actor, id);
  });
}

export async function grantRole(db: Db, ctx: RequestContext, actor: Actor, id: number, role: Role, orgId: number) {
  return db.transaction(async (tx) => {
    const user = await findVisibleUser(tx, actor, id);
    if (!user) throw notFound();
    const org = await checkGrantable(tx, actor, role, orgId);
    if (user.id === actor.userId) throw invalid('不能给自己授权', 'You cannot grant roles to yourself');
    const [existing] = await tx
      .select()
      .from(roleGrants)
      .where(and(eq(roleGrants.userId, id), eq(roleGrants.role, role), eq(roleGrants.orgId, orgId)));
    if (existing) throw conflict('该角色已授予', 'This role is already granted');
    await tx.insert(roleGrants).values({ userId: id, role, orgId, grantedBy: actor.userId, createdAt: ctx.now });
    await recordEvent(tx, ctx, {
      action: 'user.grant',
      entity: 'user',
      entityId: id,
      orgPath: org.path,
      after: { role, orgId },
    });
    return loadUser(tx, actor, id);
  });
}

export async function revokeRole(db: Db, ctx: RequestContext, actor: Actor, id: number, grantId: number) {
  return db.transaction(async (tx) => {
    const user = await findVisibleUser(tx, actor, id);
    if (!user) throw notFound();
    const grants = await grantsOf(tx, [id]);
    const g = grants.find((x) => x.id === grantId);
    if (!g) throw notFound();
    authorize(
      orgPolicy.grantRole(actor, { id: g.orgId, path: g.orgPath, kind: g.orgKind, active: true }, g.role) &&
        id !== actor.userId,
      true,
    );
    if (grants.length === 1)
      throw invalid(
        '这是该账号的最后一个角色；如需停用请使用“停用账号”',
        'This is the last role; deactivate the account instead',
      );
    await tx.delete(roleGrants).where(eq(roleGrants.id, grantId));
    await recordEvent(tx, ctx, {
      action: 'user.revoke',
      entity: 'user',
      entityId: id,
      orgPath: g.orgPath,
      before: { role: g.role, orgId: g.orgId },
    });
    return loadUser(tx, actor, id);
  });
}

export async function setUserActive(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  active: boolean,
  reason: string,
) {
  return db.transaction(async (tx) => {
    const { user } = await loadManageable(tx, actor, id);
    await tx
      .update(users)
      .set({ active, updatedAt: ctx.now, version: sql`${users.version} + 1`, failedLogins: 0, lockedUntil: null })
      .where(eq(users.id, id));
    // Deactivation takes effect at once: every open session of the person ends now.
    if (!active) await destroyUserSessions(tx, id);
    await recordEvent(tx, ctx, {
      action: active ? 'user.reactivate' : 'user.deactivate',
      entity: 'user',
      entityId: id,
      before: { active: user.active },
      after: { active, reason },
    });
    return loadUser(tx, actor, id);
  });
}

export async function resetPassword(db: Db, ctx: RequestContext, actor: Actor, id: number) {
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    await loadManageable(tx, actor, id);
    await tx
      .update(users)
      .set({
        passwordHash,
        mustChangePassword: true,
        failedLogins: 0,
        lockedUntil: null,
        updatedAt: ctx.now,
        version: sql`${users.version} + 1`,
      })
      .where(eq(users.id, id));
    await destroyUserSessions(tx, id);
    await recordEvent(tx, ctx, { action: 'user.reset_password', entity: 'user', entityId: id });
  });
  return password;
}

export async function revealPhone(db: Db, ctx: RequestContext, actor: Actor, id: number): Promise<string | null> {
  return db.transaction(async (tx) => {
    const { user } = await loadManageable(tx, actor, id);
    await recordEvent(tx, ctx, { action: 'user.reveal_phone', entity: 'user', entityId: id });
    return user.phone;
  });
}

export const roleLabel = (r: Role) => ROLE_SPECS[r].zh;
