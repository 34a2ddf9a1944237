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
import { maxDate, minDate, todayInChina } from '../../../domain/calendar/dates.js';
import { HOLDING_STATUSES } from '../../../domain/enrolment/statuses.js';
import { PAPERWORK_GAPS, paperworkGaps } from '../../../domain/enrolment/paperwork.js';
import { classWorkingDays } from '../../../domain/rules/class-dates.js';
import type { Db } from '../../db/client.js';
import type { ChildPaperwork, ChildSnapshot } from '../../../domain/rules/types.js';
import { attendanceDays, children, enrolments } from '../../db/schema.js';
import type { ClassRow } from '../classes/classes.repo.js';
import { paperworkRecords } from '../enrolments/paperwork.sql.js';
import { attendanceSnapshot } from './attendance.figures.js';

export interface AttendanceFeed {
  presentDays: number;
  sickLeaveDays: number;
  enrolledOn?: string;
}

/**
 * Per enrolment id. Present days are the class days with status present/left. Sick days count only up to the
 * last class day anybody attended (the engine's asOf is not known here, and sick leave reported in advance must
 * not count before its day has come); a day with no one present at all is not a class held.
 */
export async function attendanceFeed(
  db: Db,
  c: ClassRow,
  enrolmentIds: number[],
  asOf?: string,
): Promise<Map<number, AttendanceFeed>> {
  const out = new Map<number, AttendanceFeed>();
  if (!enrolmentIds.length) return out;
  const ens = await db
    .select({ id: enrolments.id, childId: enrolments.childId, acceptedAt: enrolments.acceptedAt })
    .from(enrolments)
    .where(inArray(enrolments.id, enrolmentIds));
  const days =
    c.startDate && c.endDate
      ? new Set(classWorkingDays({ start: c.startDate, end: c.endDate, closedDates: c.closedDates ?? [] }).days)
      : new Set<string>();
  const rows = await db
    .select({ childId: attendanceDays.childId, day: attendanceDays.day, status: attendanceDays.status })
    .from(attendanceDays)
    .where(and(eq(attendanceDays.classId, c.id), inArray(attendanceDays.status, ['present', 'left', 'sick'])));
  // Days after asOf have not happened as far as the evaluation goes (a sick note for tomorrow, today before closing).
  const counted = asOf ? rows.filter((r) => r.day <= asOf) : rows;
  let held = '';
  for (const r of counted) if ((r.status === 'present' || r.status === 'left') && r.day > held) held = r.day;
  // With asOf known, sick days count up to it; without, up to the last day anybody attended.
  const sickUpTo = asOf ?? held;
  for (const e of ens) {
    // Scheduled from the day the place was accepted — or from the first class day the child was recorded in the
    // room, if that was earlier (a roster entered after the class began, with attendance caught up by corrections).
    const accepted = e.acceptedAt ? todayInChina(e.acceptedAt) : undefined;
    let firstSeen: string | undefined;
    for (const r of counted)
      if (r.childId === e.childId && days.has(r.day) && (!firstSeen || r.day < firstSeen)) firstSeen = r.day;
    const enrolledOn = accepted && firstSeen && firstSeen < accepted ? firstSeen : accepted;
    let present = 0;
    let sick = 0;
    for (const r of counted) {
      if (r.childId !== e.childId || !days.has(r.day) || (enrolledOn && r.day < enrolledOn)) continue;
      if (r.status === 'sick') {
        if (r.day <= sickUpTo) sick++;
      } else present++;
    }
    out.set(e.id, { presentDays: present, sickLeaveDays: sick, ...(enrolledOn ? { enrolledOn } : {}) });
  }
  return out;
}

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
