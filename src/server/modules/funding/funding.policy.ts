/**
 * Who may see and keep a class's money. Built from the engine's `covering` predicate, deny-by-default:
 * - read the budget and the ledger: administrators, inspectors, reviewers and auditors over one of the class's
 *   units, and the class's staff (volunteers do not see the money);
 * - record and reverse ledger entries, attach receipts: the owner unit's class staff and administrators (and the
 *   district and city above them), until the class is archived;
 * - set the budget: the owner's administrators, until the class closes.
 */
import { ADMIN_ROLES, type Role } from '../../../domain/people/roles.js';
import type { Actor } from '../../auth/actor.js';
import { adminLevelOver, covering } from '../../auth/policy.js';
import type { ClassRef } from '../classes/classes.policy.js';

export const FUNDING_READERS: readonly Role[] = [...ADMIN_ROLES, 'inspector', 'reviewer', 'auditor', 'class_staff'];

const ownerPath = (c: ClassRef) => c.units.find((u) => u.isOwner)?.path ?? '/nowhere/';

export const fundingPolicy = {
  read: (a: Actor, c: ClassRef) => c.units.some((u) => covering(a, u.path, FUNDING_READERS).length > 0),
  record: (a: Actor, c: ClassRef) =>
    c.status !== 'archived' &&
    (adminLevelOver(a, ownerPath(c)) >= 1 || covering(a, ownerPath(c), ['class_staff']).length > 0),
  setBudget: (a: Actor, c: ClassRef) =>
    c.status !== 'closed' && c.status !== 'archived' && adminLevelOver(a, ownerPath(c)) >= 1,
};

export function fundingAbilities(a: Actor, c: ClassRef) {
  return {
    record: fundingPolicy.record(a, c),
    reverse: fundingPolicy.record(a, c),
    setBudget: fundingPolicy.setBudget(a, c),
  };
}
