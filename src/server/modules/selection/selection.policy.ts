/**
 * Who may do what in the demonstration-class selection. Deny by default; built on the engine's `covering`.
 * - the city (city_admin over the campaign's owner) sets the gate, rubric and quotas, makes panels, assigns
 *   reviewers and reads the ranking;
 * - a unit's administrators (and those above them) apply for the unit's class, edit the narrative and submit;
 * - a district (district_admin over the unit, or the city) recommends within its quota;
 * - a reviewer reads and scores only applications assigned to them, never one of their own district or unit
 *   (`hasConflict`, re-checked here and in the SQL of selection.repo.ts), and not after recusing;
 * - administrators and auditors over the unit read the application.
 */
import { hasConflict } from '../../../domain/selection/conflict.js';
import { ADMIN_ROLES, type Role } from '../../../domain/people/roles.js';
import type { Actor } from '../../auth/actor.js';
import { covering } from '../../auth/policy.js';

export const APPLICATION_READERS: readonly Role[] = [...ADMIN_ROLES, 'auditor'];
export const RECOMMENDERS: readonly Role[] = ['city_admin', 'district_admin'];

export interface ApplicationRef {
  unitPath: string;
  status: string;
}

export const grantPaths = (a: Actor) => a.grants.map((g) => g.orgPath);

export const selectionPolicy = {
  manage: (a: Actor, campaign: { orgPath: string }) => covering(a, campaign.orgPath, ['city_admin']).length > 0,
  read: (a: Actor, x: ApplicationRef) => covering(a, x.unitPath, APPLICATION_READERS).length > 0,
  apply: (a: Actor, unit: { path: string }) => covering(a, unit.path, ADMIN_ROLES).length > 0,
  edit: (a: Actor, x: ApplicationRef) => x.status === 'draft' && covering(a, x.unitPath, ADMIN_ROLES).length > 0,
  withdraw: (a: Actor, x: ApplicationRef) =>
    x.status === 'submitted' && covering(a, x.unitPath, ADMIN_ROLES).length > 0,
  recommend: (a: Actor, x: ApplicationRef) =>
    x.status === 'submitted' && covering(a, x.unitPath, RECOMMENDERS).length > 0,
  /** A reviewer's access to an application: assigned, not recused, and no conflict of interest. */
  review: (a: Actor, x: ApplicationRef & { assigned: boolean; recused: boolean }) =>
    x.assigned &&
    !x.recused &&
    x.status === 'submitted' &&
    a.grants.some((g) => g.role === 'reviewer') &&
    !hasConflict(grantPaths(a), x.unitPath),
};

export function applicationAbilities(a: Actor, x: ApplicationRef) {
  return {
    edit: selectionPolicy.edit(a, x),
    submit: selectionPolicy.edit(a, x),
    withdraw: selectionPolicy.withdraw(a, x),
    recommend: selectionPolicy.recommend(a, x),
  };
}
