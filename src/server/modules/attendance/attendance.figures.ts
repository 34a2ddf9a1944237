/**
 * The attendance figures of a class, read once: who counts and with how many days (the definition is
 * `childFigures` in src/domain/attendance/figures.ts). The attendance tab's rate, the grid's children and totals,
 * the export and the policy engine's snapshot (`attendanceSnapshot`, called by attendance.engine.ts's
 * `snapshotChildren`) all come from `countedChildren`, so they cannot disagree.
 */
import { classDaysOf } from './attendance.class-days.js';
import { and, eq, inArray, isNotNull, or } from 'drizzle-orm';
import { type ChildFigures, childFigures } from '../../../domain/attendance/figures.js';
import { todayInChina } from '../../../domain/calendar/dates.js';
import { groupBy } from '../../../domain/stats/rollup.js';
import type { ChildSnapshot } from '../../../domain/rules/types.js';
import type { Db } from '../../db/client.js';
import { attendanceDays, children, enrolments } from '../../db/schema.js';
import type { ClassRow } from '../classes/classes.repo.js';
import { classReadiness } from '../enrolments/readiness.repo.js';

export interface CountedChild extends ChildFigures {
  name: string;
  grade: string;
  selfCare: boolean | null;
}

/**
 * Every child who holds or held an accepted place in the class, with their figures up to `asOf` (see
 * `childFigures`), ordered by name as the door list and the grid show them.
 */
export async function countedChildren(db: Db, c: ClassRow, asOf?: string): Promise<CountedChild[]> {
  return (await countedChildrenOfClasses(db, [c], asOf)).get(c.id) ?? [];
}

type ClassDates = Pick<ClassRow, 'id' | 'campaignId' | 'startDate' | 'endDate' | 'closedDates'>;

/**
 * `countedChildren` of several classes in two queries (the statistics read many classes at once): the same rows,
 * the same definition, by class id.
 */
export async function countedChildrenOfClasses(
  db: Db,
  classes: readonly ClassDates[],
  asOf?: string,
): Promise<Map<number, CountedChild[]>> {
  const out = new Map<number, CountedChild[]>();
  if (classes.length === 0) return out;
  const ids = classes.map((c) => c.id);
  // One after the other: the statistics may read inside a transaction (one connection).
  const places = await db
    .select({
      classId: enrolments.classId,
      enrolmentId: enrolments.id,
      childId: enrolments.childId,
      status: enrolments.status,
      acceptedAt: enrolments.acceptedAt,
      withdrawnAt: enrolments.withdrawnAt,
      name: children.name,
      grade: children.grade,
      selfCare: children.selfCare,
    })
    .from(enrolments)
    .innerJoin(children, eq(children.id, enrolments.childId))
    .where(
      and(
        inArray(enrolments.classId, ids),
        or(
          eq(enrolments.status, 'accepted'),
          and(eq(enrolments.status, 'withdrawn'), isNotNull(enrolments.acceptedAt)),
        ),
      ),
    );
  const rows = await db
    .select({
      classId: attendanceDays.classId,
      childId: attendanceDays.childId,
      day: attendanceDays.day,
      status: attendanceDays.status,
    })
    .from(attendanceDays)
    .where(and(inArray(attendanceDays.classId, ids), inArray(attendanceDays.status, ['present', 'left', 'sick'])));
  const placesOf = groupBy(places, (p) => p.classId);
  const rowsOf = groupBy(rows, (r) => r.classId);
  for (const c of classes) {
    const own = placesOf.get(c.id) ?? [];
    const figures = childFigures(
      // The days a child can be scheduled on: the class's days by its campaign's calendar.
      await classDaysOf(db, c),
      own.map((p) => ({
        enrolmentId: p.enrolmentId,
        childId: p.childId,
        status: p.status,
        acceptedOn: p.acceptedAt ? todayInChina(p.acceptedAt) : undefined,
        withdrawnOn: p.withdrawnAt ? todayInChina(p.withdrawnAt) : undefined,
      })),
      rowsOf.get(c.id) ?? [],
      asOf,
    );
    const person = new Map(own.map((p) => [p.childId, p]));
    out.set(
      c.id,
      figures
        .map((f) => {
          const p = person.get(f.childId);
          return { ...f, name: p?.name ?? '', grade: p?.grade ?? '', selfCare: p?.selfCare ?? null };
        })
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.childId - b.childId)),
    );
  }
  return out;
}

/**
 * The policy engine's children (ChildSnapshot, keyed by enrolment id): the counted children with their attendance,
 * and the paperwork the enrolments' readiness knows (a withdrawn place has none to show).
 */
export async function attendanceSnapshot(
  db: Db,
  c: ClassRow,
  asOf: string | undefined,
  read?: CountedChild[],
): Promise<ChildSnapshot[]> {
  // One after the other: the engine reads inside the class's transaction (one connection).
  const counted = read ?? (await countedChildren(db, c, asOf));
  const readiness = await classReadiness(db, c.id);
  const ready = new Map(readiness.map((r) => [r.enrolmentId, r]));
  return counted.map((k) => {
    const r = ready.get(k.enrolmentId);
    return {
      id: String(k.enrolmentId),
      grade: k.grade === 'K' ? ('K' as const) : (Number(k.grade) as 1),
      ...(k.selfCare !== null ? { selfCare: k.selfCare } : {}),
      custodyAgreement: r?.agreementSigned ?? false,
      insurance: r?.insurance === 'confirmed',
      presentDays: k.presentDays,
      sickLeaveDays: k.sickLeaveDays,
      ...(k.enrolledOn ? { enrolledOn: k.enrolledOn } : {}),
      ...(k.withdrawnOn ? { withdrawnOn: k.withdrawnOn } : {}),
    };
  });
}
