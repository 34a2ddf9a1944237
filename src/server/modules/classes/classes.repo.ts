/**
 * Reading care classes, scoped: a class is visible when one of the units that own or share it lies in a subtree
 * the caller's grants cover. `unsafe…` readers skip scoping for internal, already-authorised work.
 */
import { and, asc, count, desc, eq, exists, ilike, inArray, type SQL, sql } from 'drizzle-orm';
import { ADMIN_ROLES, type Role } from '../../../domain/people/roles.js';
import type { Actor } from '../../auth/actor.js';
import { inScope } from '../../auth/scope.js';
import type { Db } from '../../db/client.js';
import { careClasses, classTransitions, classUnits, organizations, ruleVerdicts } from '../../db/schema.js';
import type { ListClassesQuery } from './classes.schema.js';

export const CLASS_READERS: readonly Role[] = [
  ...ADMIN_ROLES,
  'inspector',
  'reviewer',
  'auditor',
  'class_staff',
  'volunteer',
];
export type ClassRow = typeof careClasses.$inferSelect;

/** The units of a class with their paths (owner first). */
export interface ClassUnit {
  orgId: number;
  name: string;
  path: string;
  isOwner: boolean;
}

function visible(db: Db, actor: Actor, underPath?: string): SQL {
  return exists(
    db
      .select({ one: sql`1` })
      .from(classUnits)
      .innerJoin(organizations, eq(organizations.id, classUnits.orgId))
      .where(
        and(
          eq(classUnits.classId, careClasses.id),
          inScope(organizations.path, actor, CLASS_READERS),
          underPath ? sql`${organizations.path} LIKE ${`${underPath}%`}` : undefined,
        ),
      ),
  );
}

export async function findVisibleClass(db: Db, actor: Actor, id: number): Promise<ClassRow | undefined> {
  const [row] = await db
    .select()
    .from(careClasses)
    .where(and(eq(careClasses.id, id), visible(db, actor)));
  return row;
}

export async function listVisibleClasses(
  db: Db,
  actor: Actor,
  q: ListClassesQuery & { underPath?: string | undefined },
) {
  const conds: SQL[] = [visible(db, actor, q.underPath)];
  if (q.campaignId) conds.push(eq(careClasses.campaignId, q.campaignId));
  if (q.status) conds.push(eq(careClasses.status, q.status));
  if (q.mode) conds.push(eq(careClasses.mode, q.mode));
  if (q.failingRule) conds.push(sql`jsonb_exists(${careClasses.failingRules}, ${q.failingRule})`);
  if (q.q) conds.push(ilike(careClasses.name, `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  const where = and(...conds);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(careClasses)
      .where(where)
      .orderBy(desc(careClasses.updatedAt), desc(careClasses.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(careClasses).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function unitsOf(db: Db, classIds: number[]): Promise<Map<number, ClassUnit[]>> {
  const out = new Map<number, ClassUnit[]>();
  if (classIds.length === 0) return out;
  const rows = await db
    .select({
      classId: classUnits.classId,
      orgId: classUnits.orgId,
      isOwner: classUnits.isOwner,
      name: organizations.name,
      path: organizations.path,
    })
    .from(classUnits)
    .innerJoin(organizations, eq(organizations.id, classUnits.orgId))
    .where(inArray(classUnits.classId, classIds))
    .orderBy(desc(classUnits.isOwner), asc(organizations.id));
  for (const r of rows)
    out.set(r.classId, [
      ...(out.get(r.classId) ?? []),
      { orgId: r.orgId, name: r.name, path: r.path, isOwner: r.isOwner },
    ]);
  return out;
}

/** Names of the district (second level) above each unit path, for lists and exports. */
export async function districtNames(db: Db, paths: string[]): Promise<Map<string, string>> {
  const ids = [...new Set(paths.map((p) => Number(p.split('/')[2])).filter((n) => Number.isInteger(n) && n > 0))];
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(inArray(organizations.id, ids));
  const byId = new Map(rows.map((r) => [r.id, r.name]));
  return new Map(paths.map((p) => [p, byId.get(Number(p.split('/')[2])) ?? '']));
}

export async function timelineOf(db: Db, classId: number) {
  return db
    .select()
    .from(classTransitions)
    .where(eq(classTransitions.classId, classId))
    .orderBy(asc(classTransitions.id));
}

/** The class's latest stored verdict (written by the compliance module whenever one of its inputs changes). */
export async function latestVerdict(db: Db, classId: number) {
  const [v] = await db
    .select()
    .from(ruleVerdicts)
    .where(eq(ruleVerdicts.classId, classId))
    .orderBy(desc(ruleVerdicts.id))
    .limit(1);
  return v;
}
