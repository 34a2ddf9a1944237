/**
 * Reading calls for help and applications. A call is scoped by its owning unit's path with `inScope`; the public
 * site's readers (`unsafe…`) skip scoping on purpose and return class-level facts only.
 */
import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../auth/actor.js';
import { inScope } from '../../auth/scope.js';
import type { Db } from '../../db/client.js';
import { careClasses, classStaff, organizations } from '../../db/schema.js';
import { volunteerApplications, volunteerCalls } from '../../db/tables/volunteers.js';
import { CALL_READERS } from './volunteers.policy.js';

export type CallRecord = typeof volunteerCalls.$inferSelect;
export type ApplicationRecord = typeof volunteerApplications.$inferSelect;
export interface CallRow extends CallRecord {
  className: string;
  orgName: string;
  orgPath: string;
}

const columns = {
  call: volunteerCalls,
  className: careClasses.name,
  orgName: organizations.name,
  orgPath: organizations.path,
};
type Joined = { call: CallRecord; className: string; orgName: string; orgPath: string };
const flatten = (r: Joined): CallRow => ({ ...r.call, className: r.className, orgName: r.orgName, orgPath: r.orgPath });

function baseQuery(db: Db) {
  return db
    .select(columns)
    .from(volunteerCalls)
    .innerJoin(careClasses, eq(careClasses.id, volunteerCalls.classId))
    .innerJoin(organizations, eq(organizations.id, volunteerCalls.orgId));
}

export async function findVisibleCall(db: Db, actor: Actor, id: number): Promise<CallRow | undefined> {
  const [row] = await baseQuery(db).where(
    and(eq(volunteerCalls.id, id), inScope(organizations.path, actor, CALL_READERS)),
  );
  return row ? flatten(row) : undefined;
}

export async function listVisibleCalls(
  db: Db,
  actor: Actor,
  f: { classId?: number | undefined; status?: string | undefined },
): Promise<CallRow[]> {
  const conds: SQL[] = [inScope(organizations.path, actor, CALL_READERS)];
  if (f.classId) conds.push(eq(volunteerCalls.classId, f.classId));
  if (f.status) conds.push(eq(volunteerCalls.status, f.status));
  const rows = await baseQuery(db)
    .where(and(...conds))
    .orderBy(desc(volunteerCalls.startDate), desc(volunteerCalls.id))
    .limit(500);
  return rows.map(flatten);
}

/** Classes on whose roster the user is an active head. */
export async function headedClassIds(db: Db, userId: number, classIds?: number[]): Promise<Set<number>> {
  if (classIds && classIds.length === 0) return new Set();
  const rows = await db
    .select({ classId: classStaff.classId })
    .from(classStaff)
    .where(
      and(
        eq(classStaff.userId, userId),
        eq(classStaff.role, 'head'),
        eq(classStaff.active, true),
        classIds ? inArray(classStaff.classId, classIds) : undefined,
      ),
    );
  return new Set(rows.map((r) => r.classId));
}

export type AppCounts = { pending: number; accepted: number; declined: number };
export async function applicationCounts(db: Db, callIds: number[]): Promise<Map<number, AppCounts>> {
  const out = new Map<number, AppCounts>();
  if (callIds.length === 0) return out;
  const rows = await db
    .select({
      callId: volunteerApplications.callId,
      status: volunteerApplications.status,
      n: sql<number>`count(*)::int`,
    })
    .from(volunteerApplications)
    .where(inArray(volunteerApplications.callId, callIds))
    .groupBy(volunteerApplications.callId, volunteerApplications.status);
  for (const r of rows) {
    const c = out.get(r.callId) ?? { pending: 0, accepted: 0, declined: 0 };
    if (r.status === 'pending' || r.status === 'accepted' || r.status === 'declined') c[r.status] = r.n;
    out.set(r.callId, c);
  }
  return out;
}

export async function applicationsOf(db: Db, callId: number): Promise<ApplicationRecord[]> {
  return db
    .select()
    .from(volunteerApplications)
    .where(eq(volunteerApplications.callId, callId))
    .orderBy(asc(volunteerApplications.createdAt), asc(volunteerApplications.id));
}

export async function findApplication(db: Db, id: number): Promise<ApplicationRecord | undefined> {
  const [a] = await db.select().from(volunteerApplications).where(eq(volunteerApplications.id, id));
  return a;
}

// ---- the public site: class-level facts only, no scoping (nobody is signed in) -----------------------------
export interface PublicCall {
  id: number;
  title: string;
  description: string;
  skills: string[];
  otherSkill: string | null;
  volunteerKind: string;
  startDate: string;
  endDate: string;
  schedule: string;
  hoursPerWeek: number | null;
  wanted: number;
  accepted: number;
  status: string;
  className: string;
  unitName: string;
  districtName: string | null;
}

const publicColumns = {
  id: volunteerCalls.id,
  title: volunteerCalls.title,
  description: volunteerCalls.description,
  skills: volunteerCalls.skills,
  otherSkill: volunteerCalls.otherSkill,
  volunteerKind: volunteerCalls.volunteerKind,
  startDate: volunteerCalls.startDate,
  endDate: volunteerCalls.endDate,
  schedule: volunteerCalls.schedule,
  hoursPerWeek: volunteerCalls.hoursPerWeek,
  wanted: volunteerCalls.wanted,
  status: volunteerCalls.status,
  className: careClasses.name,
  unitName: organizations.name,
  districtName: sql<string | null>`(SELECT d.name FROM organizations d WHERE d.id = ${organizations.parentId})`,
  accepted: sql<number>`(SELECT count(*)::int FROM volunteer_applications a
    WHERE a.call_id = ${volunteerCalls.id} AND a.status = 'accepted')`,
};

/** Calls the public may see: open ones whose last day has not passed (newest first). */
export async function unsafePublicCalls(db: Db, today: string): Promise<PublicCall[]> {
  return db
    .select(publicColumns)
    .from(volunteerCalls)
    .innerJoin(careClasses, eq(careClasses.id, volunteerCalls.classId))
    .innerJoin(organizations, eq(organizations.id, volunteerCalls.orgId))
    .where(and(eq(volunteerCalls.status, 'open'), sql`${volunteerCalls.endDate} >= ${today}`))
    .orderBy(asc(volunteerCalls.startDate), asc(volunteerCalls.id))
    .limit(200);
}

/** One call for its public page (closed ones too, so a shared link says it has closed). */
export async function unsafePublicCall(db: Db, id: number): Promise<PublicCall | undefined> {
  const [row] = await db
    .select(publicColumns)
    .from(volunteerCalls)
    .innerJoin(careClasses, eq(careClasses.id, volunteerCalls.classId))
    .innerJoin(organizations, eq(organizations.id, volunteerCalls.orgId))
    .where(eq(volunteerCalls.id, id));
  return row;
}
