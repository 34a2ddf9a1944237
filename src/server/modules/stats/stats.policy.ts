/**
 * Who may read figures: administrators, inspectors, reviewers and auditors, over the organisations their grants
 * cover (as for organisations themselves). A figure of an organisation outside the caller's subtree is "not found";
 * a signed-in person with none of these roles (class staff, parents) is refused outright.
 */
import { ADMIN_ROLES, type Role } from '../../../domain/people/roles.js';
import type { Actor } from '../../auth/actor.js';

export const STATS_READERS: readonly Role[] = [...ADMIN_ROLES, 'inspector', 'reviewer', 'auditor'];

export const statsPolicy = {
  /** May read figures at all (of some organisation). */
  read: (a: Actor) => a.grants.some((g) => STATS_READERS.includes(g.role)),
};
