/**
 * Who may do what with volunteers (P-F). Deny by default; built from the engine's `covering` predicate.
 * - post or edit a call: the administrators over the class's owning unit, and the class head (托管班负责人, the
 *   roster's 'head' linked to the account), because a class asks for the help it needs;
 * - see the applications: the same people (phones masked);
 * - accept or decline, reveal a phone: the administrators over the owning unit only — acceptance makes an account
 *   and grants the `volunteer` role on the unit, which is an administrator's act (ROLE_SPECS level 1);
 * - read calls in the console: anyone whose grant covers the unit (admins, staff, volunteers, inspectors…).
 */
import { ADMIN_ROLES, type Role } from '../../../domain/people/roles.js';
import type { Actor } from '../../auth/actor.js';
import { covering } from '../../auth/policy.js';

export interface CallRef {
  /** The owning unit's path. */
  orgPath: string;
  /** The actor is an active head on the class roster. */
  isHead: boolean;
}

export const CALL_READERS: readonly Role[] = [
  ...ADMIN_ROLES,
  'class_staff',
  'volunteer',
  'inspector',
  'reviewer',
  'auditor',
];

const administers = (a: Actor, path: string) => covering(a, path, ADMIN_ROLES).length > 0;

export const volunteerPolicy = {
  read: (a: Actor, c: CallRef) => covering(a, c.orgPath, CALL_READERS).length > 0,
  post: (a: Actor, c: CallRef) => administers(a, c.orgPath) || c.isHead,
  update: (a: Actor, c: CallRef) => administers(a, c.orgPath) || c.isHead,
  listApplications: (a: Actor, c: CallRef) => administers(a, c.orgPath) || c.isHead,
  decide: (a: Actor, c: CallRef) => administers(a, c.orgPath),
  revealPhone: (a: Actor, c: CallRef) => administers(a, c.orgPath),
  /** Hours per volunteer of a class: the class's administrators and its head. */
  classHours: (a: Actor, c: CallRef) => administers(a, c.orgPath) || c.isHead,
};

export function callAbilities(a: Actor, c: CallRef) {
  return { update: volunteerPolicy.update(a, c), review: volunteerPolicy.listApplications(a, c) };
}
