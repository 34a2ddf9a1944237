/**
 * Who may do what with a venue. Built from the engine's `covering` predicate (a grant covers its node's subtree);
 * anything not listed is refused.
 * - read: administrators, inspectors, reviewers and auditors over the venue's unit (as for organisations);
 * - edit, deactivate, upload evidence: the unit's admin and the district/city admins above it;
 * - confirm the checklist (区县确认): district and city admins over the unit, and inspectors (督导员) over it,
 *   because P-K3 has the unions' inspectors check safety and fire on site. A unit admin cannot confirm their own
 *   unit's checklist: the confirmation is the level above vouching for it.
 */
import { ADMIN_ROLES, type Role } from '../../../domain/people/roles.js';
import type { Actor } from '../../auth/actor.js';
import { covering } from '../../auth/policy.js';

export interface VenueRef {
  orgPath: string;
  orgActive: boolean;
  active: boolean;
}

export const VENUE_READERS: readonly Role[] = [...ADMIN_ROLES, 'inspector', 'reviewer', 'auditor'];
export const CHECKLIST_CONFIRMERS: readonly Role[] = ['city_admin', 'district_admin', 'inspector'];

const administers = (a: Actor, path: string) => covering(a, path, ADMIN_ROLES).length > 0;

export const venuePolicy = {
  read: (a: Actor, v: VenueRef) => covering(a, v.orgPath, VENUE_READERS).length > 0,
  /** Creating a venue for a unit: the unit is active and the actor administers it. */
  create: (a: Actor, unit: { path: string; active: boolean }) => unit.active && administers(a, unit.path),
  update: (a: Actor, v: VenueRef) => v.active && v.orgActive && administers(a, v.orgPath),
  deactivate: (a: Actor, v: VenueRef) => v.active && administers(a, v.orgPath),
  reactivate: (a: Actor, v: VenueRef) => !v.active && v.orgActive && administers(a, v.orgPath),
  upload: (a: Actor, v: VenueRef) => v.active && v.orgActive && administers(a, v.orgPath),
  confirmChecklist: (a: Actor, v: VenueRef) => v.active && covering(a, v.orgPath, CHECKLIST_CONFIRMERS).length > 0,
};

export function venueAbilities(a: Actor, v: VenueRef) {
  return {
    update: venuePolicy.update(a, v),
    deactivate: venuePolicy.deactivate(a, v),
    reactivate: venuePolicy.reactivate(a, v),
    upload: venuePolicy.upload(a, v),
    confirmChecklist: venuePolicy.confirmChecklist(a, v),
  };
}
