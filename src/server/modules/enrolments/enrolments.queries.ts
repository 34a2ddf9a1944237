/**
 * The read side of enrolment, as the routes answer it: the classes a family may apply to, the family's own
 * applications with what each held place still needs, and a class's queue with its readiness. Every application
 * leaves with the caller's abilities on it (enrolments.policy.ts).
 */
import { isHoldingStatus } from '../../../domain/enrolment/statuses.js';
import type { Actor } from '../../auth/actor.js';
import { authorize } from '../../auth/policy.js';
import type { Db } from '../../db/client.js';
import { notFound } from '../../errors.js';
import { loadClass } from '../classes/classes.service.js';
import type { EnrolmentRow } from './allocation.js';
import {
  classEnrolmentAbilities,
  classEnrolmentPolicy,
  classEnrolmentRef,
  enrolmentAbilities,
  enrolmentRef,
} from './enrolments.policy.js';
import {
  classEnrolmentRows,
  familyEnrolmentRows,
  guardianOf,
  openClassesForFamily,
  verifiedGuardianOf,
} from './enrolments.repo.js';
import type { EnrolmentDto } from './enrolments.schema.js';
import { classReadiness, type Readiness } from './readiness.repo.js';

/** An application as it leaves the server, with what the caller may do with it. */
export function presentEnrolment(
  actor: Actor,
  row: { e: EnrolmentRow; ownerPath: string; own: boolean },
): EnrolmentDto {
  const { e } = row;
  return {
    id: e.id,
    classId: e.classId,
    childId: e.childId,
    status: e.status as EnrolmentDto['status'],
    reason: e.reason,
    priorityGroup: e.priorityGroup,
    lotteryRank: e.lotteryRank,
    appliedAt: e.appliedAt,
    offerExpiresAt: e.offerExpiresAt,
    feeStatus: e.feeStatus,
    abilities: enrolmentAbilities(actor, enrolmentRef(row)),
  };
}

/** A readiness row as staff see it (the policy engine's own fields stay inside). */
export const presentReadiness = ({ selfCare: _s, familyId: _f, ...r }: Readiness) => r;

/**
 * Open classes the caller's family may apply to, with the places left. Only a verified guardian is shown any:
 * until their employer verifies them they cannot apply, so nothing is offered.
 */
export async function openClassesFor(db: Db, actor: Actor) {
  const g = await verifiedGuardianOf(db, actor.userId);
  if (!g) return [];
  const rows = await openClassesForFamily(db, g.familyId);
  return rows.map(({ capacity, placesTaken, allocation, windowClosesAt, gradesOffered, ...r }) => ({
    ...r,
    placesLeft: Math.max(0, (capacity ?? 0) - placesTaken),
    allocation: allocation ?? 'fcfs',
    windowClosesAt: windowClosesAt ?? null,
    gradesOffered,
  }));
}

/** The caller's family's applications; for a held place, what is in place before the first day and what is not. */
export async function parentEnrolments(db: Db, actor: Actor) {
  const g = await guardianOf(db, actor.userId);
  if (!g) throw notFound();
  const rows = await familyEnrolmentRows(db, g.familyId);
  const classIds = [...new Set(rows.filter((r) => isHoldingStatus(r.e.status)).map((r) => r.e.classId))];
  const ready = new Map<number, Readiness>();
  for (const id of classIds) for (const r of await classReadiness(db, id)) ready.set(r.enrolmentId, r);
  return rows.map((r) => {
    const x = ready.get(r.e.id);
    return {
      ...presentEnrolment(actor, { e: r.e, ownerPath: r.ownerPath, own: true }),
      className: r.className,
      childName: r.childName,
      startDate: r.startDate,
      endDate: r.endDate,
      ...(x
        ? {
            agreementSigned: x.agreementSigned,
            insurance: x.insurance,
            insuranceNote: x.insurance === 'rejected' ? (x.insuranceProof?.reviewNote ?? null) : null,
            enrolled: x.enrolled,
            missing: x.missing,
          }
        : {}),
    };
  });
}

/** A class's applications (报名名单) and, per held place, its readiness; with the caller's abilities on the class. */
export async function classQueue(db: Db, actor: Actor, classId: number) {
  const { ref } = await loadClass(db, actor, classId);
  const c = classEnrolmentRef(ref.units);
  authorize(classEnrolmentPolicy.readQueue(actor, c), true);
  const rows = await classEnrolmentRows(db, actor, classId);
  const readiness = await classReadiness(db, classId);
  const ownerPath = c.ownerPath ?? '/nowhere/';
  return {
    items: rows.map((r) => ({
      ...presentEnrolment(actor, { e: r.e, ownerPath, own: r.own }),
      childName: r.childName,
      grade: r.grade,
    })),
    readiness: readiness.map(presentReadiness),
    abilities: classEnrolmentAbilities(actor, c),
  };
}
