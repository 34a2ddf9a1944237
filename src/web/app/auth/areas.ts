/**
 * Which care-programme areas the console offers a signed-in person. `me.abilities` only covers the original
 * administration pages (organisations, people, audit, settings); for the programme's areas (campaigns, classes,
 * venues, counterparties, guardian verification, agreements) the API answers per record with `abilities` and
 * refuses the rest with 403/404. The shell therefore decides *visibility* from the person's roles, mirroring the
 * readers each server module lists, and never decides what may be done:
 * - campaigns: every staff role (the city's campaign concerns its whole tree; `campaignPolicy.read`);
 *   creating one: the city administrator (createCampaign requires a city_admin grant);
 * - classes: the class readers (`CLASS_READERS`: administrators, inspectors, reviewers, auditors, class staff,
 *   volunteers); "my classes" and creating one: unit administrators; the all-classes overview with the export:
 *   city and district administrators and the inspectors/reviewers/auditors; the approval queue: city and district
 *   administrators (TRANSITIONS.approve needs admin level 2);
 * - venues and counterparties: `VENUE_READERS` / `COUNTERPARTY_READERS` (administrators, inspectors, reviewers,
 *   auditors); registering one: administrators (`venuePolicy.create` / `counterpartyPolicy.create`);
 * - guardian verification: administrators (the /api/guardians list is scoped to admin grants);
 * - agreements: administrators (publishAgreement needs admin level ≥ 1 over the unit).
 * If a role is granted that the server does not honour here, the page shows the server's refusal.
 */
import type { Role } from '../../../domain/people/roles';
import type { Me } from '../api/types';

export interface Areas {
  campaigns: boolean;
  createCampaign: boolean;
  classes: boolean;
  myClasses: boolean;
  allClasses: boolean;
  approvals: boolean;
  venues: boolean;
  counterparties: boolean;
  /** Registering venues and counterparties (administrators over a unit). */
  editLibraries: boolean;
  guardians: boolean;
  agreements: boolean;
}

export type AreaKey = keyof Areas;

const ADMINS: readonly Role[] = ['city_admin', 'district_admin', 'unit_admin'];
const OVERSIGHT: readonly Role[] = ['inspector', 'reviewer', 'auditor'];

export function areasFor(me: Pick<Me, 'grants'>): Areas {
  const has = (roles: readonly Role[]) => me.grants.some((g) => roles.includes(g.role));
  const staff = has([...ADMINS, ...OVERSIGHT, 'class_staff', 'volunteer']);
  const libraries = has([...ADMINS, ...OVERSIGHT]);
  return {
    campaigns: staff,
    createCampaign: has(['city_admin']),
    classes: staff,
    myClasses: has(['unit_admin', 'class_staff', 'volunteer']),
    allClasses: has(['city_admin', 'district_admin', ...OVERSIGHT]),
    approvals: has(['city_admin', 'district_admin']),
    venues: libraries,
    counterparties: libraries,
    editLibraries: has(ADMINS),
    guardians: has(ADMINS),
    agreements: has(ADMINS),
  };
}

/** Organisations where the person holds a role that may create classes, venues or counterparties (units). */
export function unitAdminOrgIds(me: Pick<Me, 'grants'>): number[] {
  return me.grants.filter((g) => g.role === 'unit_admin' && g.orgKind === 'unit').map((g) => g.orgId);
}
