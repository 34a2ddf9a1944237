/**
 * Attendance as the policy engine sees it (scale.attendanceRate, docs/POLICY-RULES.md §4): per enrolled child
 * its presentDays and sickLeaveDays over the class's working days, and enrolledOn (the day the place was
 * accepted, or the first day the child was recorded in the room if earlier). Check-ins do not re-evaluate (a
 * morning burst must stay cheap): the compliance module re-evaluates running classes once a day after closing,
 * and a correction (event `attendance.correct`) at once.
 *
 * Paperwork (P-R7) as the engine sees it (`snapshotPaperwork`): every child who holds a place or was in the room,
 * complete or not, with the days they attended without a signed custody agreement or an approved insurance proof
 * covering the day — judged by the domain's `paperworkGaps`, the same function the door refuses a check-in with.
 */
import { and, desc, eq, inArray, lte, or } from 'drizzle-orm';
import { maxDate, minDate } from '../../../domain/calendar/dates.js';
import { HOLDING_STATUSES } from '../../../domain/enrolment/statuses.js';
import { PAPERWORK_GAPS, paperworkGaps } from '../../../domain/enrolment/paperwork.js';
import type { Db } from '../../db/client.js';
import type { ChildPaperwork, ChildSnapshot } from '../../../domain/rules/types.js';
import { attendanceDays, children, enrolments } from '../../db/schema.js';
import type { ClassRow } from '../classes/classes.repo.js';
import { paperworkRecords } from '../enrolments/paperwork.sql.js';
import { attendanceSnapshot } from './attendance.figures.js';

/**
 * The snapshot's children (the rules' view): every child holding or having held an accepted place, with its
 * paperwork and its attendance up to `asOf`, keyed by enrolment id — the one definition the attendance tab and grid
 * use too (attendance.figures.ts). The compliance module builds the rest.
 */
export async function snapshotChildren(db: Db, c: ClassRow, asOf: string | undefined): Promise<ChildSnapshot[]> {
  return attendanceSnapshot(db, c, asOf);
}

/**
 * Every child who holds a place in the class (offered or accepted) or was in the room (present or left) up to
 * `asOf`, with what is missing on the reference day (asOf within the class's dates) and the days they attended
 * without their custody agreement or insurance. The custody and insurance rules judge this list.
 */
export async function snapshotPaperwork(db: Db, c: ClassRow, asOf: string): Promise<ChildPaperwork[]> {
  const attended = await db
    .select({ childId: attendanceDays.childId, day: attendanceDays.day })
    .from(attendanceDays)
    .where(
      and(
        eq(attendanceDays.classId, c.id),
        inArray(attendanceDays.status, ['present', 'left']),
        lte(attendanceDays.day, asOf),
      ),
    )
    .orderBy(attendanceDays.day);
  const attendedIds = [...new Set(attended.map((a) => a.childId))];
  // The holding places, and the latest place of each child who attended (withdrawn since, say).
  const places = await db
    .select({ id: enrolments.id, childId: enrolments.childId, status: enrolments.status, name: children.name })
    .from(enrolments)
    .innerJoin(children, eq(children.id, enrolments.childId))
    .where(
      and(
        eq(enrolments.classId, c.id),
        attendedIds.length
          ? or(inArray(enrolments.status, [...HOLDING_STATUSES]), inArray(enrolments.childId, attendedIds))
          : inArray(enrolments.status, [...HOLDING_STATUSES]),
      ),
    )
    .orderBy(desc(enrolments.id));
  const placeOf = new Map<number, (typeof places)[number]>();
  for (const p of places) {
    // The latest place, unless an older one is the place the child holds.
    const seen = placeOf.get(p.childId);
    if (!seen || (!isHolding(seen.status) && isHolding(p.status))) placeOf.set(p.childId, p);
  }
  const missingIds = attendedIds.filter((id) => !placeOf.has(id));
  const names = missingIds.length
    ? await db.select({ id: children.id, name: children.name }).from(children).where(inArray(children.id, missingIds))
    : [];
  const records = await paperworkRecords(
    db,
    [...placeOf.values()].map((p) => p.id),
  );
  let day = asOf;
  if (c.startDate) day = maxDate(day, c.startDate);
  if (c.endDate && (!c.startDate || c.endDate >= c.startDate)) day = minDate(day, c.endDate);
  const childIds = [...new Set([...placeOf.keys(), ...missingIds])];
  return childIds.map((childId) => {
    const place = placeOf.get(childId);
    const record = place ? records.get(place.id) : undefined;
    const gapsOn = (d: string) => (record ? paperworkGaps(record, d) : [...PAPERWORK_GAPS]);
    const now = gapsOn(day);
    const withoutAgreement: string[] = [];
    const withoutInsurance: string[] = [];
    for (const a of attended) {
      if (a.childId !== childId) continue;
      const gaps = gapsOn(a.day);
      if (gaps.includes('agreement')) withoutAgreement.push(a.day);
      if (gaps.includes('insurance')) withoutInsurance.push(a.day);
    }
    return {
      id: place ? String(place.id) : `child:${childId}`,
      name: place?.name ?? names.find((n) => n.id === childId)?.name ?? '',
      holdsPlace: !!place && isHolding(place.status),
      custodyAgreement: !now.includes('agreement'),
      insurance: !now.includes('insurance'),
      attendedWithoutAgreement: withoutAgreement,
      attendedWithoutInsurance: withoutInsurance,
    };
  });
}

const isHolding = (status: string) => (HOLDING_STATUSES as readonly string[]).includes(status);
