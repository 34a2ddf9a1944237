/**
 * Who may do what with a report (issue 14), deny by default, level by level as in DHIS2's approval levels:
 * - read: administrators, inspectors, reviewers and auditors over the reporting organisation (so the level above
 *   reads what its units send, and a unit never reads a sibling's report);
 * - edit (start, save the draft, upload attachments) and submit: the reporting organisation's own administrator —
 *   a unit_admin for a unit's report, a district_admin for a district's or industry union's — while the report is
 *   a draft or returned and the organisation active;
 * - accept / return: the administrator of the level it reports to — a district_admin over the unit's district or
 *   industry union, a city_admin over a district's report — while it waits (submitted). The city does not decide on
 *   a unit's report in the district's place.
 */
import { ADMIN_ROLES, type Role } from '../../../domain/people/roles.js';
import type { Actor } from '../../auth/actor.js';
import { covering } from '../../auth/policy.js';
import type { ReportAbilities, ReportStatus } from './reports.schema.js';

export const REPORT_READERS: readonly Role[] = [...ADMIN_ROLES, 'inspector', 'reviewer', 'auditor'];

export interface ReportRef {
  orgPath: string;
  orgKind: string;
  orgActive: boolean;
  /** The organisation reported to (parent); null for the root. */
  parentPath: string | null;
  parentKind: string | null;
  /** null when nothing was started yet. */
  status: ReportStatus | null;
}

const editorRoles = (kind: string): readonly Role[] =>
  kind === 'unit' ? ['unit_admin'] : kind === 'district' || kind === 'industry' ? ['district_admin'] : [];
const deciderRoles = (parentKind: string | null): readonly Role[] =>
  parentKind === 'city'
    ? ['city_admin']
    : parentKind === 'district' || parentKind === 'industry'
      ? ['district_admin']
      : [];

const isEditor = (a: Actor, r: ReportRef) => r.orgActive && covering(a, r.orgPath, editorRoles(r.orgKind)).length > 0;
const isDecider = (a: Actor, r: ReportRef) =>
  r.parentPath !== null && covering(a, r.parentPath, deciderRoles(r.parentKind)).length > 0;
const open = (s: ReportStatus | null) => s === null || s === 'draft' || s === 'returned';

export const reportPolicy = {
  read: (a: Actor, r: { orgPath: string }) => covering(a, r.orgPath, REPORT_READERS).length > 0,
  edit: (a: Actor, r: ReportRef) => open(r.status) && isEditor(a, r),
  submit: (a: Actor, r: ReportRef) => (r.status === 'draft' || r.status === 'returned') && isEditor(a, r),
  accept: (a: Actor, r: ReportRef) => r.status === 'submitted' && isDecider(a, r),
  return: (a: Actor, r: ReportRef) => r.status === 'submitted' && isDecider(a, r),
  /** 临时报送: the city or a district / industry union issues a request to its own subtree. */
  issueRequest: (a: Actor, issuer: { path: string; kind: string; active: boolean }) =>
    issuer.active &&
    (issuer.kind === 'city'
      ? covering(a, issuer.path, ['city_admin']).length > 0
      : (issuer.kind === 'district' || issuer.kind === 'industry') &&
        covering(a, issuer.path, ['city_admin', 'district_admin']).length > 0),
};

export function reportAbilities(a: Actor, r: ReportRef): ReportAbilities {
  return {
    edit: reportPolicy.edit(a, r),
    submit: reportPolicy.submit(a, r),
    accept: reportPolicy.accept(a, r),
    return: reportPolicy.return(a, r),
  };
}
