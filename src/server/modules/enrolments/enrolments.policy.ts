/**
 * Who may do what with applications (报名). Built from the engine's predicates (`adminLevelOver`, `covering`: a
 * grant covers its node's subtree) and one fact about the caller, `own` (they are a guardian of the applying
 * family); anything not listed is refused.
 * - applying: a verified guardian, for a class their family may join (joining.ts);
 * - an application: its family acts on it (confirm, withdraw, sign, insurance); the administrators of the class's
 *   owning unit and those above it read it, withdraw it, review the insurance and record the fee;
 * - a class's enrolment: whoever sees the class reads the queue and its readiness; the owning unit's
 *   administrators (and those above) change the settings, draw the lottery, send reminders and import a roster;
 *   a family that applied reads the lottery's publication even without seeing the class;
 * - the custody agreement: a unit's administrators (and those above) publish it.
 * Abilities add the state an action needs (an offer to confirm, a live application to withdraw…), so the UIs offer
 * only what fits the application now; the services check that state again and say why when it does not hold.
 */
import { isHoldingStatus, isLiveStatus } from '../../../domain/enrolment/statuses.js';
import type { Role } from '../../../domain/people/roles.js';
import type { Actor } from '../../auth/actor.js';
import { adminLevelOver, covering } from '../../auth/policy.js';
import { CLASS_READERS } from '../classes/classes.repo.js';
import { VERIFIED } from './joining.js';

export interface EnrolmentRef {
  /** The path of the class's owning unit. */
  ownerPath: string;
  status: string;
  feeStatus: string;
  /** The caller is a guardian of the applying family. */
  own: boolean;
}

/** An application row (with its owner's path and the caller's guardianship) as the policy reads it. */
export const enrolmentRef = (row: {
  e: { status: string; feeStatus: string };
  ownerPath: string;
  own: boolean;
}): EnrolmentRef => ({ ownerPath: row.ownerPath, status: row.e.status, feeStatus: row.e.feeStatus, own: row.own });

export interface ClassEnrolmentRef {
  /** Paths of every unit of the class (owner and co-owners). */
  unitPaths: readonly string[];
  ownerPath: string | null;
}

/** The queue is shown to whoever sees the class: the classes module's readers. */
export const QUEUE_READERS: readonly Role[] = CLASS_READERS;

const administers = (a: Actor, path: string | null) => path !== null && adminLevelOver(a, path) >= 1;
const family = (_a: Actor, e: EnrolmentRef) => e.own;
const familyOrAdmin = (a: Actor, e: EnrolmentRef) => e.own || administers(a, e.ownerPath);
const admin = (a: Actor, e: EnrolmentRef) => administers(a, e.ownerPath);

/** Applying: a guardian whose employer has verified them (which classes their family may join: joining.ts). */
export const applicantPolicy = {
  apply: (guardian: { status: string }) => guardian.status === VERIFIED,
};

export const enrolmentPolicy = {
  read: familyOrAdmin,
  confirm: family,
  withdraw: familyOrAdmin,
  sign: family,
  submitInsurance: family,
  uploadFile: family,
  reviewInsurance: admin,
  recordFee: admin,
};

export function enrolmentAbilities(a: Actor, e: EnrolmentRef) {
  const holding = isHoldingStatus(e.status);
  return {
    confirm: enrolmentPolicy.confirm(a, e) && e.status === 'offered',
    withdraw: enrolmentPolicy.withdraw(a, e) && isLiveStatus(e.status),
    sign: enrolmentPolicy.sign(a, e) && holding,
    submitInsurance: enrolmentPolicy.submitInsurance(a, e) && holding,
    reviewInsurance: enrolmentPolicy.reviewInsurance(a, e) && holding,
    recordFee: enrolmentPolicy.recordFee(a, e) && e.feeStatus !== 'none',
  };
}

const classAdmin = (a: Actor, c: ClassEnrolmentRef) => administers(a, c.ownerPath);
const readsQueue = (a: Actor, c: ClassEnrolmentRef) =>
  c.unitPaths.some((p) => covering(a, p, QUEUE_READERS).length > 0);

export const classEnrolmentPolicy = {
  readQueue: readsQueue,
  readLottery: (a: Actor, c: ClassEnrolmentRef | null, familyApplied: boolean) =>
    familyApplied || (c !== null && readsQueue(a, c)),
  configure: classAdmin,
  drawLottery: classAdmin,
  sendReminders: classAdmin,
  importRoster: classAdmin,
};

export function classEnrolmentAbilities(a: Actor, c: ClassEnrolmentRef) {
  return {
    configure: classEnrolmentPolicy.configure(a, c),
    drawLottery: classEnrolmentPolicy.drawLottery(a, c),
    sendReminders: classEnrolmentPolicy.sendReminders(a, c),
    importRoster: classEnrolmentPolicy.importRoster(a, c),
  };
}

export const agreementPolicy = {
  publish: (a: Actor, org: { kind: string; path: string }) => org.kind === 'unit' && administers(a, org.path),
};

/** The class's units as the policy reads them (the owner marked). */
export function classEnrolmentRef(units: readonly { path: string; isOwner: boolean }[]): ClassEnrolmentRef {
  return { unitPaths: units.map((u) => u.path), ownerPath: units.find((u) => u.isOwner)?.path ?? null };
}
