/**
 * Reading incidents, scoped: an incident is visible when one of its class's units lies in a subtree the caller
 * holds an incident-reading role on. `unsafe…` readers skip scoping for work already authorised.
 */
import { and, asc, count, desc, eq, exists, inArray, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../auth/actor.js';
import { inScope } from '../../auth/scope.js';
import type { Db } from '../../db/client.js';
import {
  careClasses,
  children,
  classStaff,
  classUnits,
  enrolments,
  incidentAddenda,
  incidents,
  organizations,
  users,
} from '../../db/schema.js';
import { unitsOf } from '../classes/classes.repo.js';
import type { IncidentClassRef } from './incidents.policy.js';
import { INCIDENT_READERS } from './incidents.policy.js';
import type { ListIncidentsQuery } from './incidents.schema.js';

export type IncidentRow = typeof incidents.$inferSelect;
export type AddendumRow = typeof incidentAddenda.$inferSelect;

function visible(db: Db, actor: Actor): SQL {
  return exists(
    db
      .select({ one: sql`1` })
      .from(classUnits)
      .innerJoin(organizations, eq(organizations.id, classUnits.orgId))
      .where(and(eq(classUnits.classId, incidents.classId), inScope(organizations.path, actor, INCIDENT_READERS))),
  );
}

export async function findVisibleIncident(db: Db, actor: Actor, id: number): Promise<IncidentRow | undefined> {
  const [row] = await db
    .select()
    .from(incidents)
    .where(and(eq(incidents.id, id), visible(db, actor)));
  return row;
}

/** Open before closed; open ones gravest first; then the latest. */
const ORDER = [
  sql`CASE WHEN ${incidents.status} = 'open' THEN 0 ELSE 1 END`,
  sql`CASE WHEN ${incidents.status} <> 'open' THEN 0 WHEN ${incidents.severity} = 'critical' THEN 0 WHEN ${incidents.severity} = 'serious' THEN 1 ELSE 2 END`,
  desc(incidents.occurredAt),
  desc(incidents.id),
];

export async function listVisibleIncidents(
  db: Db,
  actor: Actor,
  q: ListIncidentsQuery & { underPath?: string | undefined },
) {
  const conds: (SQL | undefined)[] = [visible(db, actor)];
  if (q.status) conds.push(eq(incidents.status, q.status));
  if (q.severity) conds.push(eq(incidents.severity, q.severity));
  if (q.classId) conds.push(eq(incidents.classId, q.classId));
  if (q.underPath) conds.push(sql`${organizations.path} LIKE ${`${q.underPath}%`}`);
  const where = and(...conds);
  const [rows, [total]] = await Promise.all([
    db
      .select({ i: incidents, className: careClasses.name, unitName: organizations.name })
      .from(incidents)
      .innerJoin(careClasses, eq(careClasses.id, incidents.classId))
      .innerJoin(organizations, eq(organizations.id, incidents.orgId))
      .where(where)
      .orderBy(...ORDER)
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db
      .select({ n: count() })
      .from(incidents)
      .innerJoin(organizations, eq(organizations.id, incidents.orgId))
      .where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** The class facts the policy needs, read without scope (the incident or class was already found in scope). */
export async function unsafeClassRef(
  db: Db,
  actor: Actor,
  classId: number,
): Promise<{ ref: IncidentClassRef; name: string; orgId: number }> {
  const [cls] = await db.select().from(careClasses).where(eq(careClasses.id, classId));
  if (!cls) throw new Error(`class ${classId} missing`);
  const units = (await unitsOf(db, [classId])).get(classId) ?? [];
  const [head] = await db
    .select({ id: classStaff.id })
    .from(classStaff)
    .where(
      and(
        eq(classStaff.classId, classId),
        eq(classStaff.userId, actor.userId),
        eq(classStaff.role, 'head'),
        eq(classStaff.active, true),
      ),
    );
  return { ref: { status: cls.status, units, actorIsHead: !!head }, name: cls.name, orgId: cls.orgId };
}

/** Children enrolled (accepted) in the class, by id and name. */
export async function enrolledChildren(db: Db, classId: number): Promise<{ id: number; name: string }[]> {
  return db
    .select({ id: children.id, name: children.name })
    .from(enrolments)
    .innerJoin(children, eq(children.id, enrolments.childId))
    .where(and(eq(enrolments.classId, classId), eq(enrolments.status, 'accepted')))
    .orderBy(asc(children.id));
}

export async function childNames(db: Db, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: children.id, name: children.name })
    .from(children)
    .where(inArray(children.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function addendaOf(db: Db, incidentId: number): Promise<AddendumRow[]> {
  return db
    .select()
    .from(incidentAddenda)
    .where(eq(incidentAddenda.incidentId, incidentId))
    .orderBy(asc(incidentAddenda.at), asc(incidentAddenda.id));
}

export async function userName(db: Db, id: number | null): Promise<string | null> {
  if (id == null) return null;
  const [u] = await db.select({ n: users.displayName }).from(users).where(eq(users.id, id));
  return u?.n ?? null;
}

/** The district (or industry union) above an org path, and the city at its root. */
export async function ancestorsOf(db: Db, path: string): Promise<{ districtId: number | null; cityId: number | null }> {
  const ids = path
    .split('/')
    .filter(Boolean)
    .map(Number)
    .filter((n) => Number.isInteger(n));
  if (!ids.length) return { districtId: null, cityId: null };
  const rows = await db
    .select({ id: organizations.id, kind: organizations.kind })
    .from(organizations)
    .where(inArray(organizations.id, ids));
  return {
    districtId: rows.find((r) => r.kind === 'district' || r.kind === 'industry')?.id ?? null,
    cityId: rows.find((r) => r.kind === 'city')?.id ?? null,
  };
}
