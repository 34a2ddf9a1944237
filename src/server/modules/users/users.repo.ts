/** Reading people, scoped: a person is visible when one of their grants lies in a subtree the caller administers or audits. */
import { and, asc, count, eq, exists, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { OrgKind } from '../../../domain/org/orgKinds.js';
import { ADMIN_ROLES, type Role } from '../../../domain/people/roles.js';
import type { Actor } from '../../auth/actor.js';
import { inScope } from '../../auth/scope.js';
import type { Db } from '../../db/client.js';
import { organizations, roleGrants, users } from '../../db/schema.js';

export const USER_READERS: readonly Role[] = [...ADMIN_ROLES, 'auditor'];
export type UserRow = typeof users.$inferSelect;

export interface GrantRow {
  id: number;
  userId: number;
  role: Role;
  orgId: number;
  orgName: string;
  orgKind: OrgKind;
  orgPath: string;
  orgActive: boolean;
}

/** EXISTS a grant of the user in the caller's readable scope (and under `orgPath` when given). */
function grantInScope(db: Db, actor: Actor, orgPath?: string): SQL {
  return exists(
    db
      .select({ one: sql`1` })
      .from(roleGrants)
      .innerJoin(organizations, eq(organizations.id, roleGrants.orgId))
      .where(
        and(
          eq(roleGrants.userId, users.id),
          inScope(organizations.path, actor, USER_READERS),
          orgPath ? sql`${organizations.path} LIKE ${`${orgPath}%`}` : undefined,
        ),
      ),
  );
}

/** Everyone sees themselves; with an org filter the caller's own row is not special. */
function visibleCondition(db: Db, actor: Actor, orgPath?: string): SQL {
  if (orgPath) return grantInScope(db, actor, orgPath);
  return or(eq(users.id, actor.userId), grantInScope(db, actor)) as SQL;
}

export async function findVisibleUser(db: Db, actor: Actor, id: number): Promise<UserRow | undefined> {
  const [u] = await db
    .select()
    .from(users)
    .where(and(eq(users.id, id), visibleCondition(db, actor)));
  return u;
}

export async function listVisibleUsers(
  db: Db,
  actor: Actor,
  f: {
    orgPath?: string | undefined;
    role?: Role | undefined;
    q?: string | undefined;
    includeInactive: boolean;
    page: number;
    pageSize: number;
  },
) {
  const conds: SQL[] = [visibleCondition(db, actor, f.orgPath)];
  if (f.role) {
    conds.push(
      exists(
        db
          .select({ one: sql`1` })
          .from(roleGrants)
          .where(and(eq(roleGrants.userId, users.id), eq(roleGrants.role, f.role))),
      ),
    );
  }
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conds.push(or(ilike(users.username, like), ilike(users.displayName, like)) as SQL);
  }
  if (!f.includeInactive) conds.push(eq(users.active, true));
  const where = and(...conds);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(users)
      .where(where)
      .orderBy(asc(users.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.select({ n: count() }).from(users).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function grantsOf(db: Db, userIds: number[]): Promise<GrantRow[]> {
  if (userIds.length === 0) return [];
  const rows = await db
    .select({
      id: roleGrants.id,
      userId: roleGrants.userId,
      role: roleGrants.role,
      orgId: roleGrants.orgId,
      orgName: organizations.name,
      orgKind: organizations.kind,
      orgPath: organizations.path,
      orgActive: organizations.active,
    })
    .from(roleGrants)
    .innerJoin(organizations, eq(organizations.id, roleGrants.orgId))
    .where(inArray(roleGrants.userId, userIds))
    .orderBy(asc(roleGrants.id));
  return rows;
}
