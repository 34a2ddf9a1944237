/**
 * The door as a staff member sees it: the classes they run with today's counts, the day's list of children (photo
 * and health notes only with consent, the authorised adults, the absence note, the paperwork missing on the day), one child as the
 * door shows it after a tap, and the daily health acknowledgement.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { pinyinInitials } from '../../../domain/attendance/initials.js';
import { todayInChina } from '../../../domain/calendar/dates.js';
import type { Actor } from '../../auth/actor.js';
import { inScope } from '../../auth/scope.js';
import type { RequestContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { attendanceDays, attendanceEvents, careClasses, classUnits, organizations } from '../../db/schema.js';
import { notFound } from '../../errors.js';
import { unitsOf } from '../classes/classes.repo.js';
import { PAPERWORK_GAPS, paperworkGaps } from '../../../domain/enrolment/paperwork.js';
import { paperworkRecords } from '../enrolments/paperwork.sql.js';
import { countsOf } from './attendance.days.js';
import { classDaysOf } from './attendance.class-days.js';
import { type DoorGuardian, guardianPickupOf, guardiansOf } from './attendance.guardians.js';
import { attendancePolicy, DOOR_ROLES } from './attendance.policy.js';
import {
  type AdultRow,
  adultsOf,
  campaignOf,
  type ConsentState,
  consentsOf,
  type DayRow,
  dailyOf,
  dayRowsOf,
  type EnrolledChild,
  enrolledChildren,
  loadClassForDoor,
} from './attendance.repo.js';
import type { DoorChild } from './attendance.schema.js';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export function presentDoorChild(
  c: EnrolledChild,
  adults: AdultRow[],
  row: DayRow | undefined,
  consent: ConsentState | undefined,
  absenceNote: string | null = null,
  guardians?: DoorGuardian[],
): DoorChild {
  const health = consent?.health ?? false;
  const adult = row?.pickupAdultId ? adults.find((a) => a.id === row.pickupAdultId) : undefined;
  return {
    childId: c.childId,
    name: c.name,
    initials: pinyinInitials(c.name),
    grade: c.grade,
    photoUrl: c.photoFileId && consent?.photo ? `/api/files/${c.photoFileId}` : null,
    allergies: health ? c.allergies : null,
    healthNotes: health ? c.healthNotes : null,
    healthAcked: !!row?.healthAckAt,
    status: (row?.status ?? 'expected') as DoorChild['status'],
    checkInAt: iso(row?.checkInAt),
    checkOutAt: iso(row?.checkOutAt),
    absenceNote,
    pickedUpBy: adult?.name ?? guardianPickupOf(row),
    pickupAdults: adults
      .filter((a) => !a.revokedAt)
      .map((a) => ({ id: a.id, name: a.name, relation: a.relation, allowed: a.allowed })),
    ...(guardians ? { guardians } : {}),
  };
}

/** The note of the absence in force, per child, for the day. */
async function absenceNotes(db: Db, classId: number, day: string, rows: DayRow[]): Promise<Map<number, string>> {
  const ids = rows.filter((r) => r.status === 'absent' || r.status === 'sick').map((r) => r.childId);
  const out = new Map<number, string>();
  if (!ids.length) return out;
  const evs = await db
    .select({ childId: attendanceEvents.childId, note: attendanceEvents.note, at: attendanceEvents.occurredAt })
    .from(attendanceEvents)
    .where(
      and(
        eq(attendanceEvents.classId, classId),
        eq(attendanceEvents.day, day),
        inArray(attendanceEvents.childId, ids),
        eq(attendanceEvents.kind, 'absence'),
      ),
    )
    .orderBy(attendanceEvents.occurredAt);
  for (const e of evs) if (e.note) out.set(e.childId, e.note);
  return out;
}

export async function doorClasses(db: Db, actor: Actor, now: Date) {
  const today = todayInChina(now);
  const rows = await db
    .selectDistinct({ c: careClasses })
    .from(careClasses)
    .innerJoin(classUnits, eq(classUnits.classId, careClasses.id))
    .innerJoin(organizations, eq(organizations.id, classUnits.orgId))
    .where(and(inArray(careClasses.status, ['open', 'running']), inScope(organizations.path, actor, DOOR_ROLES)))
    .orderBy(careClasses.id);
  const ids = rows.map((r) => r.c.id);
  const units = await unitsOf(db, ids);
  const enrolled = await enrolledChildren(db, ids);
  const days = ids.length
    ? await db
        .select()
        .from(attendanceDays)
        .where(and(inArray(attendanceDays.classId, ids), eq(attendanceDays.day, today)))
    : [];
  return {
    items: rows
      .filter((r) => attendancePolicy.door(actor, units.get(r.c.id) ?? []))
      .map(({ c }) => ({
        id: c.id,
        name: c.name,
        orgName: units.get(c.id)?.find((u) => u.isOwner)?.name ?? '',
        status: c.status,
        dailyStart: c.dailyStart,
        dailyEnd: c.dailyEnd,
        today: countsOf(
          enrolled.filter((e) => e.classId === c.id).map((e) => e.childId),
          days.filter((d) => d.classId === c.id),
        ),
      })),
  };
}

export async function doorView(db: Db, actor: Actor, classId: number, day: string | undefined, now: Date) {
  const { row: cls } = await loadClassForDoor(db, actor, classId);
  const d = day ?? todayInChina(now);
  const kids = await enrolledChildren(db, [classId]);
  const ids = kids.map((k) => k.childId);
  const classDay = (await classDaysOf(db, cls)).includes(d);
  const [adults, consent, rows, paperwork, camp, family] = await Promise.all([
    adultsOf(db, ids),
    consentsOf(db, ids),
    dayRowsOf(db, classId, [d]),
    paperworkRecords(
      db,
      kids.map((k) => k.enrolmentId),
    ),
    campaignOf(db, cls.campaignId),
    guardiansOf(
      db,
      kids.map((k) => k.familyId),
    ),
  ]);
  const notes = await absenceNotes(db, classId, d, rows);
  const byChild = new Map(rows.map((r) => [r.childId, r]));
  return {
    class: {
      id: cls.id,
      name: cls.name,
      dailyStart: cls.dailyStart,
      dailyEnd: cls.dailyEnd,
      arrivalAlertTime: dailyOf(camp).arrivalAlertTime,
      classDay: classDay,
    },
    day: d,
    serverTime: now.toISOString(),
    counts: countsOf(ids, rows),
    children: kids.map((k) => ({
      ...presentDoorChild(
        k,
        adults.get(k.childId) ?? [],
        byChild.get(k.childId),
        consent.get(k.childId),
        notes.get(k.childId) ?? null,
        family.get(k.familyId) ?? [],
      ),
      // What the door would refuse a check-in for on this day (P-R7), before anyone taps.
      paperworkMissing: (() => {
        const record = paperwork.get(k.enrolmentId);
        return record ? paperworkGaps(record, d) : [...PAPERWORK_GAPS];
      })(),
    })),
  };
}

/** Staff saw the child's allergies and health notes today: stamped once per child-day. */
export async function ackHealth(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  classId: number,
  childId: number,
  day: string,
) {
  await loadClassForDoor(db, actor, classId);
  const kids = await enrolledChildren(db, [classId]);
  if (!kids.some((k) => k.childId === childId)) throw notFound();
  await db
    .insert(attendanceDays)
    .values({
      classId,
      childId,
      day,
      status: 'expected',
      healthAckAt: ctx.now,
      healthAckBy: actor.userId,
      updatedAt: ctx.now,
    })
    .onConflictDoUpdate({
      target: [attendanceDays.classId, attendanceDays.childId, attendanceDays.day],
      set: { healthAckAt: ctx.now, healthAckBy: actor.userId },
      setWhere: isNull(attendanceDays.healthAckAt),
    });
}
