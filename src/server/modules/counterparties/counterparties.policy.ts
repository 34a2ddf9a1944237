/**
 * Who may do what with a caterer, partner or provider. Same shape as venues: readers over the owning unit see it;
 * the unit's admin and the district/city admins above edit it, attach documents and — for providers — record the
 * qualification review (资质审核, P-R7: "the unit admin or a district admin").
 */
import { ADMIN_ROLES, type Role } from '../../../domain/people/roles.js';
import type { Actor } from '../../auth/actor.js';
import { covering } from '../../auth/policy.js';

export interface CounterpartyRef {
  kind: string;
  orgPath: string;
  orgActive: boolean;
  active: boolean;
}

export const COUNTERPARTY_READERS: readonly Role[] = [...ADMIN_ROLES, 'inspector', 'reviewer', 'auditor'];

const administers = (a: Actor, path: string) => covering(a, path, ADMIN_ROLES).length > 0;
const editable = (a: Actor, c: CounterpartyRef) => c.active && c.orgActive && administers(a, c.orgPath);

export const counterpartyPolicy = {
  read: (a: Actor, c: CounterpartyRef) => covering(a, c.orgPath, COUNTERPARTY_READERS).length > 0,
  create: (a: Actor, unit: { path: string; active: boolean }) => unit.active && administers(a, unit.path),
  update: editable,
  deactivate: (a: Actor, c: CounterpartyRef) => c.active && administers(a, c.orgPath),
  reactivate: (a: Actor, c: CounterpartyRef) => !c.active && c.orgActive && administers(a, c.orgPath),
  upload: editable,
  review: (a: Actor, c: CounterpartyRef) => c.kind === 'provider' && editable(a, c),
};

export function counterpartyAbilities(a: Actor, c: CounterpartyRef) {
  return {
    update: counterpartyPolicy.update(a, c),
    deactivate: counterpartyPolicy.deactivate(a, c),
    reactivate: counterpartyPolicy.reactivate(a, c),
    upload: counterpartyPolicy.upload(a, c),
    review: counterpartyPolicy.review(a, c),
  };
}
