/**
 * Who may see and change what of the parents' satisfaction survey, deny by default (`covering`: a grant covers its
 * node's subtree).
 * - answer: only a guardian of the family the invitation was sent to (checked in SQL by the family, not here);
 * - read a class's results: administrators over one of the class's units, the class's staff (class_staff of the
 *   unit), inspectors — always in aggregate, and only from MIN_ANSWERS answers on (the read enforces it);
 *   volunteers, reviewers and auditors are refused;
 * - the mid-point setting: the owning unit's administrators (and above) until the class closes;
 * - the city's and districts' table of indices: the readers of figures (STATS_READERS) over the organisation.
 */
import { ADMIN_ROLES, type Role } from '../../../domain/people/roles.js';
import type { Actor } from '../../auth/actor.js';
import { adminLevelOver, covering } from '../../auth/policy.js';

export const SATISFACTION_READERS: readonly Role[] = [...ADMIN_ROLES, 'class_staff', 'inspector'];

export interface SatisfactionClassRef {
  status: string;
  units: { path: string; isOwner: boolean }[];
}

const ownerPath = (c: SatisfactionClassRef) => c.units.find((u) => u.isOwner)?.path ?? '/nowhere/';

export const satisfactionPolicy = {
  readClass: (a: Actor, c: SatisfactionClassRef) =>
    c.units.some((u) => covering(a, u.path, SATISFACTION_READERS).length > 0),
  configure: (a: Actor, c: SatisfactionClassRef) =>
    c.status !== 'closed' && c.status !== 'archived' && adminLevelOver(a, ownerPath(c)) >= 1,
};

export const satisfactionAbilities = (a: Actor, c: SatisfactionClassRef) => ({
  configure: satisfactionPolicy.configure(a, c),
});
