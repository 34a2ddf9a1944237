/**
 * Reading organisations. Every read that serves a person is scoped by their grants through `inScope`; the
 * `unsafe…` readers skip scoping and are for internal checks only (e.g. after scoping already happened).
 */
import { and, asc, count, eq, ilike, inArray, type SQL, sql } from 'drizzle-orm';
import type { OrgKind } from '../../../domain/org/orgKinds.js';
import { ADMIN_ROLES, type Role } from '../../../domain/people/roles.js';
import type { Actor } from '../../auth/actor.js';
import { inScope } from '../../auth/scope.js';
import type { Db } from '../../db/client.js';
import { organizations } from '../../db/schema.js';

export type OrgRow = typeof organizations.$inferSelect;

export const ORG_READERS: readonly Role[] = [...ADMIN_ROLES, 'inspector', 'reviewer', 'auditor'];

export async function findVisibleOrg(db: Db, actor: Actor, id: number): Promise<OrgRow | undefined> {
  const [row] = await db
    .select()
    .from(organizations)
    .where(and(eq(organizations.id, id), inScope(organizations.path, actor, ORG_READERS)));
  return row;
}

export async function unsafeFindOrgById(db: Db, id: number): Promise<OrgRow | undefined> {
  const [row] = await db.select().from(organizations).where(eq(organizations.id, id));
  return row;
}

export interface OrgFilter {
  parentId?: number | undefined;
  underPath?: string | undefined;
  q?: string | undefined;
  kind?: OrgKind | undefined;
  includeInactive?: boolean;
  page: number;
  pageSize: number;
}

export async function listVisibleOrgs(db: Db, actor: Actor, f: OrgFilter): Promise<{ rows: OrgRow[]; total: number }> {
  const conds: SQL[] = [inScope(organizations.path, actor, ORG_READERS)];
  if (f.parentId !== undefined) conds.push(eq(organizations.parentId, f.parentId));
  if (f.underPath) conds.push(sql`${organizations.path} LIKE ${`${f.underPath}%`}`);
  if (f.q) conds.push(ilike(organizations.name, `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  if (f.kind) conds.push(eq(organizations.kind, f.kind));
  if (!f.includeInactive) conds.push(eq(organizations.active, true));
  const where = and(...conds);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(organizations)
      .where(where)
      .orderBy(asc(organizations.path))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.select({ n: count() }).from(organizations).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** The compact tree for the navigation pane: every visible node, ordered so parents come first. */
export async function visibleTree(db: Db, actor: Actor, includeInactive: boolean) {
  return db
    .select({
      id: organizations.id,
      parentId: organizations.parentId,
      name: organizations.name,
      kind: organizations.kind,
      active: organizations.active,
      path: organizations.path,
    })
    .from(organizations)
    .where(
      and(
        inScope(organizations.path, actor, ORG_READERS),
        includeInactive ? undefined : eq(organizations.active, true),
      ),
    )
    .orderBy(asc(organizations.path));
}

export async function creditCodeTaken(db: Db, code: string, exceptId?: number): Promise<boolean> {
  const rows = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.creditCode, code));
  return rows.some((r) => r.id !== exceptId);
}

/** Which of these credit codes some organisation already holds: one query for a whole import. */
export async function creditCodesTaken(db: Db, codes: string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db
    .select({ code: organizations.creditCode })
    .from(organizations)
    .where(inArray(organizations.creditCode, [...new Set(codes)]));
  return new Set(rows.flatMap((r) => (r.code ? [r.code] : [])));
}
