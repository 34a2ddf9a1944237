/**
 * Attendance as the policy engine sees it (scale.attendanceRate, docs/POLICY-RULES.md §4): per enrolled child
 * its presentDays and sickLeaveDays over the class's working days, and enrolledOn (the day the place was
 * accepted, or the first day the child was recorded in the room if earlier). Check-ins do not re-evaluate (a
 * morning burst must stay cheap): the compliance module re-evaluates running classes once a day after closing,
 * and a correction (event `attendance.correct`) at once.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { todayInChina } from '../../../domain/calendar/dates.js';
import { classWorkingDays } from '../../../domain/rules/class-dates.js';
import type { Db } from '../../db/client.js';
import type { ChildSnapshot } from '../../../domain/rules/types.js';
import { attendanceDays, enrolments } from '../../db/schema.js';
import type { ClassRow } from '../classes/classes.repo.js';
import { classReadiness } from '../enrolments/readiness.repo.js';

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
 * The snapshot's children (the rules' view): every child holding a place with its paperwork (from the enrolments'
 * readiness) and its attendance up to `asOf`, keyed by enrolment id. The compliance module builds the rest.
 */
export async function snapshotChildren(db: Db, c: ClassRow, asOf: string | undefined): Promise<ChildSnapshot[]> {
  const kids = (await classReadiness(db, c.id))
    .filter((r) => r.enrolled)
    .map((r) => ({
      id: String(r.enrolmentId),
      grade: r.grade === 'K' ? ('K' as const) : (Number(r.grade) as 1),
      selfCare: r.selfCare ?? undefined,
      custodyAgreement: r.agreementSigned,
      insurance: r.insurance === 'confirmed',
    }));
  const feed = await attendanceFeed(
    db,
    c,
    kids.map((k) => Number(k.id)),
    asOf,
  );
  return kids.map((k) => ({ ...k, ...(feed.get(Number(k.id)) ?? {}) }));
}
