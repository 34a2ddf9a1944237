/**
 * Reading guardians and employers. The verification queue is scoped by the employer's path (`inScope` over the
 * admin roles); a family's own guardians are read by its family id, which the caller's guardianship gave.
 */
import { and, desc, eq, ilike, type SQL } from 'drizzle-orm';
import { ADMIN_ROLES } from '../../../domain/people/roles.js';
import type { Actor } from '../../auth/actor.js';
import { inScope } from '../../auth/scope.js';
import type { Db } from '../../db/client.js';
import { guardians, organizations, users } from '../../db/schema.js';

/** Active units whose name contains `q` (registration names the employer), at most 20. */
export async function searchEmployers(db: Db, q: string) {
  const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(and(eq(organizations.kind, 'unit'), eq(organizations.active, true), ilike(organizations.name, like)))
    .limit(20);
}

const guardianColumns = { g: guardians, u: users, employerName: organizations.name };

function guardianQuery(db: Db) {
  return db
    .select(guardianColumns)
    .from(guardians)
    .innerJoin(users, eq(users.id, guardians.userId))
    .innerJoin(organizations, eq(organizations.id, guardians.employerOrgId));
}

export type GuardianRow = Awaited<ReturnType<typeof familyGuardians>>[number];

export async function familyGuardians(db: Db, familyId: number) {
  return guardianQuery(db).where(eq(guardians.familyId, familyId));
}

/** The verification queue (职工身份审核): guardians employed in the caller's admin subtree, newest first. */
export async function listVisibleGuardians(
  db: Db,
  actor: Actor,
  f: { status?: string | undefined; orgId?: number | undefined },
) {
  const conds: SQL[] = [inScope(organizations.path, actor, ADMIN_ROLES)];
  if (f.status) conds.push(eq(guardians.status, f.status));
  if (f.orgId) conds.push(eq(guardians.employerOrgId, f.orgId));
  return guardianQuery(db)
    .where(and(...conds))
    .orderBy(desc(guardians.createdAt))
    .limit(500);
}
