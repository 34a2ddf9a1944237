/**
 * Reads for attendance: the class with its units (scoped), the enrolled children with their pickup adults and
 * consents, the day rows. Each loader answers for a whole set in one query so a door batch stays a few queries.
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Campaign } from '../../../domain/campaign/index.js';
import { DEFAULT_DAILY } from '../../../domain/campaign/schema.js';
import type { Actor } from '../../auth/actor.js';
import type { Db } from '../../db/client.js';
import {
  attendanceDays,
  campaigns,
  children,
  classStaff,
  consents,
  enrolments,
  pickupAdults,
} from '../../db/schema.js';
import { notFound, forbidden } from '../../errors.js';
import { type ClassRow, type ClassUnit, findVisibleClass, unitsOf } from '../classes/classes.repo.js';
import { attendancePolicy } from './attendance.policy.js';

export type DayRow = typeof attendanceDays.$inferSelect;
export type AdultRow = typeof pickupAdults.$inferSelect;

export interface LoadedClass {
  row: ClassRow;
  units: ClassUnit[];
}

export async function loadClassForRead(db: Db, actor: Actor, id: number): Promise<LoadedClass> {
  const row = await findVisibleClass(db, actor, id);
  if (!row) throw notFound();
  return { row, units: (await unitsOf(db, [id])).get(id) ?? [] };
}

/** A class the actor may work the door of: 404 when invisible, 403 when visible but not theirs to run. */
export async function loadClassForDoor(db: Db, actor: Actor, id: number): Promise<LoadedClass> {
  const c = await loadClassForRead(db, actor, id);
  if (!attendancePolicy.door(actor, c.units)) throw forbidden();
  return c;
}

export interface EnrolledChild {
  classId: number;
  childId: number;
  enrolmentId: number;
  acceptedAt: Date | null;
  name: string;
  grade: string;
  familyId: number;
  photoFileId: number | null;
  allergies: string | null;
  healthNotes: string | null;
}

/** Children holding an accepted place in the classes. */
export async function enrolledChildren(db: Db, classIds: number[]): Promise<EnrolledChild[]> {
  if (!classIds.length) return [];
  return db
    .select({
      classId: enrolments.classId,
      childId: children.id,
      enrolmentId: enrolments.id,
      acceptedAt: enrolments.acceptedAt,
      name: children.name,
      grade: children.grade,
      familyId: children.familyId,
      photoFileId: children.photoFileId,
      allergies: children.allergies,
      healthNotes: children.healthNotes,
    })
    .from(enrolments)
    .innerJoin(children, eq(children.id, enrolments.childId))
    .where(and(inArray(enrolments.classId, classIds), eq(enrolments.status, 'accepted')))
    .orderBy(enrolments.classId, children.name, children.id);
}

export async function adultsOf(db: Db, childIds: number[]): Promise<Map<number, AdultRow[]>> {
  const out = new Map<number, AdultRow[]>();
  if (!childIds.length) return out;
  const rows = await db
    .select()
    .from(pickupAdults)
    .where(inArray(pickupAdults.childId, childIds))
    .orderBy(pickupAdults.id);
  for (const r of rows) out.set(r.childId, [...(out.get(r.childId) ?? []), r]);
  return out;
}

export interface ConsentState {
  health: boolean;
  photo: boolean;
}

export async function consentsOf(db: Db, childIds: number[]): Promise<Map<number, ConsentState>> {
  const out = new Map<number, ConsentState>();
  if (!childIds.length) return out;
  const rows = await db
    .select({ childId: consents.childId, kind: consents.kind })
    .from(consents)
    .where(and(inArray(consents.childId, childIds), isNull(consents.withdrawnAt)));
  for (const r of rows) {
    if (r.childId === null) continue;
    const s = out.get(r.childId) ?? { health: false, photo: false };
    if (r.kind === 'health') s.health = true;
    if (r.kind === 'photo') s.photo = true;
    out.set(r.childId, s);
  }
  return out;
}

export async function dayRowsOf(db: Db, classId: number, days: string[], childIds?: number[]): Promise<DayRow[]> {
  if (!days.length) return [];
  return db
    .select()
    .from(attendanceDays)
    .where(
      and(
        eq(attendanceDays.classId, classId),
        days.length === 1 ? eq(attendanceDays.day, days[0] as string) : inArray(attendanceDays.day, days),
        childIds ? inArray(attendanceDays.childId, childIds.length ? childIds : [-1]) : undefined,
      ),
    );
}

export async function campaignOf(db: Db, campaignId: number): Promise<Campaign | null> {
  const [c] = await db.select({ params: campaigns.params }).from(campaigns).where(eq(campaigns.id, campaignId));
  return c?.params ?? null;
}

export function dailyOf(c: Campaign | null): typeof DEFAULT_DAILY {
  return { ...DEFAULT_DAILY, ...((c as { daily?: typeof DEFAULT_DAILY } | null)?.daily ?? {}) };
}

/** Active adults on the roster of each class. */
export async function staffCounts(db: Db, classIds: number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  if (!classIds.length) return out;
  const rows = await db
    .select({ classId: classStaff.classId, n: sql<number>`count(*)::int` })
    .from(classStaff)
    .where(and(inArray(classStaff.classId, classIds), eq(classStaff.active, true)))
    .groupBy(classStaff.classId);
  for (const r of rows) out.set(r.classId, Number(r.n));
  return out;
}

export async function isClassHead(db: Db, classId: number, userId: number): Promise<boolean> {
  const [r] = await db
    .select({ id: classStaff.id })
    .from(classStaff)
    .where(
      and(
        eq(classStaff.classId, classId),
        eq(classStaff.userId, userId),
        eq(classStaff.role, 'head'),
        eq(classStaff.active, true),
      ),
    )
    .limit(1);
  return !!r;
}

export async function classHeadUserIds(db: Db, classIds: number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  if (!classIds.length) return out;
  const rows = await db
    .select({ classId: classStaff.classId, userId: classStaff.userId })
    .from(classStaff)
    .where(and(inArray(classStaff.classId, classIds), eq(classStaff.role, 'head'), eq(classStaff.active, true)));
  for (const r of rows) if (r.userId !== null) out.set(r.classId, [...(out.get(r.classId) ?? []), r.userId]);
  return out;
}
