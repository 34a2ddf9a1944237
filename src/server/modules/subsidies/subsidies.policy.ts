/**
 * Who may see and handle union subsidies (工会补贴), deny-by-default, over the paying organisation (the city, a
 * district or an industry union — never a unit, which receives the money):
 * - read the policy, the computed list and the disbursement lists: administrators, inspectors and auditors whose
 *   grant covers the paying organisation (a unit's people see the subsidy as an income line of their class's ledger);
 * - set the policy, approve a list, record and reverse payments: the city's or the district's administrators over it.
 */
import type { Role } from '../../../domain/people/roles.js';
import type { Actor } from '../../auth/actor.js';
import { covering } from '../../auth/policy.js';

export const SUBSIDY_READERS: readonly Role[] = ['city_admin', 'district_admin', 'inspector', 'auditor'];
const MANAGERS: readonly Role[] = ['city_admin', 'district_admin'];

export interface PayerRef {
  path: string;
  kind: string;
}

export const subsidyPolicy = {
  read: (a: Actor, o: PayerRef) => o.kind !== 'unit' && covering(a, o.path, SUBSIDY_READERS).length > 0,
  manage: (a: Actor, o: PayerRef) => o.kind !== 'unit' && covering(a, o.path, MANAGERS).length > 0,
};
