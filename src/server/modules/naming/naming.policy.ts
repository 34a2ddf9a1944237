/**
 * Who may do what with 公示 and naming. Deny by default, built from `covering` (a grant covers its subtree):
 * - read the console (notices, objections masked, namings): the city's administrators, reviewers and auditors over
 *   the campaign's organisation;
 * - publish a 公示, answer objections, name and revoke: city administrators over the campaign's organisation;
 * - reveal an objector's phone (to call back): city administrators only, audited each time;
 * - download a certificate: the city's administrators over the campaign, or the administrators over the class's unit.
 */
import { ADMIN_ROLES, type Role } from '../../../domain/people/roles.js';
import type { Actor } from '../../auth/actor.js';
import { covering } from '../../auth/policy.js';

export const NAMING_READERS: readonly Role[] = ['city_admin', 'reviewer', 'auditor'];
export const NAMING_MANAGERS: readonly Role[] = ['city_admin'];

const covers = (a: Actor, path: string, roles: readonly Role[]) => covering(a, path, roles).length > 0;

export const namingPolicy = {
  read: (a: Actor, c: { orgPath: string }) => covers(a, c.orgPath, NAMING_READERS),
  manage: (a: Actor, c: { orgPath: string }) => covers(a, c.orgPath, NAMING_MANAGERS),
  revealPhone: (a: Actor, c: { orgPath: string }) => covers(a, c.orgPath, NAMING_MANAGERS),
  certificate: (a: Actor, n: { campaignOrgPath: string; unitPath: string }) =>
    covers(a, n.campaignOrgPath, NAMING_MANAGERS) || covers(a, n.unitPath, ADMIN_ROLES),
};

export function namingAbilities(a: Actor, c: { orgPath: string }) {
  return {
    publish: namingPolicy.manage(a, c),
    respond: namingPolicy.manage(a, c),
    name: namingPolicy.manage(a, c),
    revoke: namingPolicy.manage(a, c),
    revealPhone: namingPolicy.revealPhone(a, c),
  };
}
