/**
 * Reading applications. An application is visible to its own family and to the administrators of its class's
 * owning unit and above (the scope is in the SQL: `inScope` over the owner's path, or the caller's guardianship);
 * the queue of a class is read after the class itself was loaded through the classes module's scoped read. The
 * reads of an application (one prepared statement on the fast path, one locking query on the slow path) live
 * here too, with "may this family join" as the shared fragment of joining.ts.
 */
import { and, desc, eq, ne, type SQL, sql } from 'drizzle-orm';
import { LIVE_STATUSES } from '../../../domain/enrolment/statuses.js';
import { ADMIN_ROLES } from '../../../domain/people/roles.js';
import type { Actor } from '../../auth/actor.js';
import { inScope } from '../../auth/scope.js';
import type { Database, Db } from '../../db/client.js';
import { fromDriverRow } from '../../db/rows.js';
import {
  agreementSignatures,
  agreementTexts,
  campaigns,
  careClasses,
  children,
  classEnrolment,
  enrolments,
  guardians,
  organizations,
} from '../../db/schema.js';
import { familyMayJoinSql, familyMayJoinText, VERIFIED } from './joining.js';

export type EnrolmentRecord = typeof enrolments.$inferSelect;

/** The caller's guardian profile, whatever its verification: it says which family is theirs. */
export async function guardianOf(db: Db, userId: number) {
  const [g] = await db.select().from(guardians).where(eq(guardians.userId, userId));
  return g;
}

/** The caller's guardian profile only once their employer has verified it: only then may they apply. */
export async function verifiedGuardianOf(db: Db, userId: number) {
  const [g] = await db
    .select()
    .from(guardians)
    .where(and(eq(guardians.userId, userId), eq(guardians.status, VERIFIED)));
  return g;
}

/** `column IN ('applied', …)` with the live statuses as literals (a partial index's predicate can match them). */
export const isLiveSql = (column: SQL | typeof enrolments.status): SQL =>
  sql`${column} IN (${sql.raw(LIVE_STATUSES.map((s) => `'${s}'`).join(', '))})`;

/** The caller is a guardian of the application's family (any verification: the family is theirs). */
const ownSql = (actor: Actor) =>
  sql<boolean>`EXISTS (SELECT 1 FROM ${guardians} og WHERE og.user_id = ${actor.userId}
    AND og.family_id = ${enrolments.familyId})`;

export interface EnrolmentRow {
  e: EnrolmentRecord;
  grade: string;
  ownerPath: string;
  classOrgId: number;
  own: boolean;
}

/** An application the caller may see (their family's, or one of a class their admin grants cover); else undefined. */
export async function findVisibleEnrolment(db: Db, actor: Actor, id: number): Promise<EnrolmentRow | undefined> {
  const own = ownSql(actor);
  const [row] = await db
    .select({ e: enrolments, grade: children.grade, ownerPath: organizations.path, classOrgId: careClasses.orgId, own })
    .from(enrolments)
    .innerJoin(children, eq(children.id, enrolments.childId))
    .innerJoin(careClasses, eq(careClasses.id, enrolments.classId))
    .innerJoin(organizations, eq(organizations.id, careClasses.orgId))
    .where(and(eq(enrolments.id, id), sql`(${own} OR ${inScope(organizations.path, actor, ADMIN_ROLES)})`));
  return row;
}

/** A class's applications with each child's name and grade, oldest first (the class was loaded scoped). */
export async function classEnrolmentRows(db: Db, actor: Actor, classId: number) {
  return db
    .select({ e: enrolments, childName: children.name, grade: children.grade, own: ownSql(actor) })
    .from(enrolments)
    .innerJoin(children, eq(children.id, enrolments.childId))
    .where(eq(enrolments.classId, classId))
    .orderBy(enrolments.id);
}

/** A family's applications (a rejected one is not shown), with the class, its dates and its owner's path. */
export async function familyEnrolmentRows(db: Db, familyId: number) {
  return db
    .select({
      e: enrolments,
      className: careClasses.name,
      childName: children.name,
      startDate: careClasses.startDate,
      endDate: careClasses.endDate,
      ownerPath: organizations.path,
    })
    .from(enrolments)
    .innerJoin(careClasses, eq(careClasses.id, enrolments.classId))
    .innerJoin(organizations, eq(organizations.id, careClasses.orgId))
    .innerJoin(children, eq(children.id, enrolments.childId))
    .where(and(eq(enrolments.familyId, familyId), ne(enrolments.status, 'rejected')))
    .orderBy(enrolments.id);
}

/** Open classes the family may join (joining.ts), with what a parent needs to choose one. */
export async function openClassesForFamily(db: Db, familyId: number) {
  return db
    .select({
      id: careClasses.id,
      name: careClasses.name,
      orgName: organizations.name,
      startDate: careClasses.startDate,
      endDate: careClasses.endDate,
      dailyStart: careClasses.dailyStart,
      dailyEnd: careClasses.dailyEnd,
      feeAmount: careClasses.feeAmount,
      feeNote: careClasses.feeNote,
      meals: careClasses.meals,
      capacity: careClasses.capacity,
      gradesOffered: careClasses.gradesOffered,
      publicDescription: careClasses.publicDescription,
      allocation: classEnrolment.allocation,
      windowClosesAt: classEnrolment.windowClosesAt,
      placesTaken: sql<number>`coalesce(${classEnrolment.placesTaken}, 0)`.mapWith(Number),
    })
    .from(careClasses)
    .innerJoin(organizations, eq(organizations.id, careClasses.orgId))
    .leftJoin(classEnrolment, eq(classEnrolment.classId, careClasses.id))
    .where(
      and(
        eq(careClasses.status, 'open'),
        familyMayJoinSql({
          familyId: sql`${familyId}::int`,
          classId: sql`${careClasses.id}`,
          openToAll: sql`coalesce(${classEnrolment.openToAll}, false)`,
          ownerPath: sql`${organizations.path}`,
        }),
      ),
    )
    .orderBy(sql`${careClasses.startDate} NULLS LAST`, careClasses.id);
}

export async function enrolmentSettingsRow(db: Db, classId: number) {
  const [c] = await db.select().from(classEnrolment).where(eq(classEnrolment.classId, classId));
  return c;
}

/** Whether the family has any application (of any status) to the class. */
export async function familyAppliedTo(db: Db, classId: number, familyId: number): Promise<boolean> {
  const rows = await db
    .select({ id: enrolments.id })
    .from(enrolments)
    .where(and(eq(enrolments.classId, classId), eq(enrolments.familyId, familyId)))
    .limit(1);
  return rows.length > 0;
}

/** The latest signature of an application with the text signed, the child's and the class's names. */
export async function latestSignature(db: Db, enrolmentId: number) {
  const [row] = await db
    .select({ s: agreementSignatures, t: agreementTexts, childName: children.name, className: careClasses.name })
    .from(agreementSignatures)
    .innerJoin(agreementTexts, eq(agreementTexts.id, agreementSignatures.agreementTextId))
    .innerJoin(enrolments, eq(enrolments.id, agreementSignatures.enrolmentId))
    .innerJoin(children, eq(children.id, enrolments.childId))
    .innerJoin(careClasses, eq(careClasses.id, enrolments.classId))
    .where(eq(agreementSignatures.enrolmentId, enrolmentId))
    .orderBy(desc(agreementSignatures.id))
    .limit(1);
  return row;
}

// ── The reads of an application ─────────────────────────────────────────────────────────────────────────────

export interface LiveApplication {
  classId: number;
  start: string | null;
  end: string | null;
  name: string;
}

export type ApplicationRead = NonNullable<Awaited<ReturnType<typeof readForApplication>>>;

/**
 * The unlocked read of the optimistic attempt as one prepared statement (parsed and planned once per connection):
 * the same facts as readForApplication, each table's row as JSON mapped back as Drizzle would.
 */
export async function preparedReadForApplication(
  database: Database,
  classId: number,
  userId: number,
  childId: number,
): Promise<ApplicationRead | undefined> {
  const [r] = await database.prepared<{
    counters: Record<string, unknown>;
    cls: Record<string, unknown>;
    params: unknown;
    owner_path: string;
    g: Record<string, unknown> | null;
    child: Record<string, unknown> | null;
    may_join: boolean;
    live: LiveApplication[] | string;
  }>('enrolment_apply_read', APPLY_READ_SQL, [classId, userId, childId]);
  if (!r) return undefined;
  const obj = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v) as Record<string, unknown>;
  return {
    counters: fromDriverRow(classEnrolment, obj(r.counters)),
    cls: fromDriverRow(careClasses, obj(r.cls)),
    params: typeof r.params === 'string' ? JSON.parse(r.params) : r.params,
    ownerPath: r.owner_path,
    g: r.g ? fromDriverRow(guardians, obj(r.g)) : null,
    child: r.child ? fromDriverRow(children, obj(r.child)) : null,
    mayJoin: r.may_join,
    live: typeof r.live === 'string' ? (JSON.parse(r.live) as LiveApplication[]) : r.live,
  };
}

const LIVE_LIST = LIVE_STATUSES.map((s) => `'${s}'`).join(', ');

// $1 class, $2 user, $3 child. The family is the applying guardian's, found by the index on guardians' user id.
const APPLY_READ_SQL = `
SELECT row_to_json(ce) AS counters, row_to_json(c) AS cls, camp.params, o.path AS owner_path,
       (SELECT row_to_json(g) FROM guardians g WHERE g.user_id = $2) AS g,
       (SELECT row_to_json(ch) FROM children ch JOIN guardians g3 ON g3.family_id = ch.family_id
         WHERE g3.user_id = $2 AND ch.id = $3 AND ch.active) AS child,
       ${familyMayJoinText({
         familyId: '(SELECT g1.family_id FROM guardians g1 WHERE g1.user_id = $2)',
         classId: '$1',
         openToAll: 'ce.open_to_all',
         ownerPath: 'o.path',
       })} AS may_join,
       (SELECT coalesce(json_agg(json_build_object('classId', e.class_id, 'start', c2.start_date, 'end', c2.end_date,
                 'name', c2.name)), '[]'::json)
          FROM enrolments e JOIN care_classes c2 ON c2.id = e.class_id
         WHERE e.child_id = $3 AND e.status IN (${LIVE_LIST})) AS live
  FROM class_enrolment ce
  JOIN care_classes c ON c.id = ce.class_id
  JOIN campaigns camp ON camp.id = c.campaign_id
  JOIN organizations o ON o.id = c.org_id
 WHERE ce.class_id = $1`;

/**
 * Reads (and with `lock`, row-locks) the class's enrolment counters and, in the same query, the class, its campaign's
 * parameters, its owner's path, the applying guardian and child, whether the family may join (joining.ts) and the
 * child's live applications with their dates. Undefined when the class does not exist (or, unlocked, has no
 * enrolment row yet).
 */
export async function readForApplication(tx: Db, classId: number, userId: number, childId: number, lock: boolean) {
  const query = () =>
    tx
      .select({
        counters: classEnrolment,
        cls: careClasses,
        params: campaigns.params,
        ownerPath: organizations.path,
        g: guardians,
        child: children,
        mayJoin: sql<boolean>`${familyMayJoinSql({
          familyId: sql`${guardians.familyId}`,
          classId: sql`${classId}::int`,
          openToAll: sql`${classEnrolment.openToAll}`,
          ownerPath: sql`${organizations.path}`,
        })}`,
        live: sql<LiveApplication[]>`(
          SELECT coalesce(json_agg(json_build_object('classId', e.class_id, 'start', c2.start_date, 'end', c2.end_date,
            'name', c2.name)), '[]'::json)
          FROM ${enrolments} e JOIN ${careClasses} c2 ON c2.id = e.class_id
          WHERE e.child_id = ${childId} AND ${isLiveSql(sql`e.status`)})`,
      })
      .from(classEnrolment)
      .innerJoin(careClasses, eq(careClasses.id, classEnrolment.classId))
      .innerJoin(campaigns, eq(campaigns.id, careClasses.campaignId))
      .innerJoin(organizations, eq(organizations.id, careClasses.orgId))
      .leftJoin(guardians, eq(guardians.userId, userId))
      .leftJoin(
        children,
        and(eq(children.familyId, guardians.familyId), eq(children.id, childId), eq(children.active, true)),
      )
      .where(eq(classEnrolment.classId, classId));
  const read = () => (lock ? query().for('update', { of: classEnrolment }) : query());
  let [row] = await read();
  if (!row && !lock) return undefined;
  if (!row) {
    const [exists] = await tx.select({ id: careClasses.id }).from(careClasses).where(eq(careClasses.id, classId));
    if (!exists) return undefined;
    await tx.insert(classEnrolment).values({ classId }).onConflictDoNothing();
    [row] = await read();
  }
  if (!row) return undefined;
  const live = typeof row.live === 'string' ? (JSON.parse(row.live) as LiveApplication[]) : row.live;
  return { ...row, live };
}
