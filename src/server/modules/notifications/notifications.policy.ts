/**
 * Who may manage an organisation's notification channels and read their send log: the administrators covering the
 * organisation (the unit's admin for a unit, a district admin for its subtree, the city for all). Phone messages
 * are not tied to an organisation's channel, so only the city reads their log.
 */
import { ADMIN_ROLES } from '../../../domain/people/roles.js';
import type { Actor } from '../../auth/actor.js';
import { covering } from '../../auth/policy.js';

export const channelPolicy = {
  manage: (a: Actor, org: { path: string; active: boolean }) =>
    org.active && covering(a, org.path, ADMIN_ROLES).length > 0,
  read: (a: Actor, org: { path: string }) => covering(a, org.path, ADMIN_ROLES).length > 0,
  /** The send log at all (each admin sees their channels' rows; the city every row). */
  readLog: (a: Actor) => a.grants.some((g) => (ADMIN_ROLES as readonly string[]).includes(g.role)),
  readAllLog: (a: Actor) => a.grants.some((g) => g.role === 'city_admin'),
};
