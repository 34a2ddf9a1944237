/**
 * Roles of the programme and where each may be granted. A role is granted on an organisation node and covers its
 * subtree. `level` orders the administrative roles so that nobody grants more than they hold.
 */
import type { OrgKind } from '../org/orgKinds.js';

export const ROLES = [
  'city_admin',
  'district_admin',
  'unit_admin',
  'class_staff',
  'volunteer',
  'inspector',
  'reviewer',
  'auditor',
  'parent',
] as const;
export type Role = (typeof ROLES)[number];

export const ADMIN_ROLES: readonly Role[] = ['city_admin', 'district_admin', 'unit_admin'];

interface RoleSpec {
  zh: string;
  en: string;
  /** Kinds of organisation node the role may be granted on. */
  grantableOn: readonly OrgKind[];
  /** The admin level needed to grant it: 3 city, 2 district, 1 unit. */
  level: 1 | 2 | 3;
}

export const ROLE_SPECS: Record<Role, RoleSpec> = {
  city_admin: { zh: '市总管理员', en: 'City administrator', grantableOn: ['city'], level: 3 },
  district_admin: {
    zh: '区县/产业工会管理员',
    en: 'District administrator',
    grantableOn: ['district', 'industry'],
    level: 2,
  },
  unit_admin: { zh: '基层单位管理员', en: 'Unit administrator', grantableOn: ['unit'], level: 1 },
  class_staff: { zh: '托管班工作人员', en: 'Class staff', grantableOn: ['unit'], level: 1 },
  volunteer: { zh: '志愿者', en: 'Volunteer', grantableOn: ['unit'], level: 1 },
  inspector: { zh: '督导员', en: 'Inspector', grantableOn: ['city', 'district', 'industry'], level: 2 },
  reviewer: { zh: '评审员', en: 'Reviewer', grantableOn: ['city', 'district', 'industry'], level: 2 },
  // Auditors watch the administrators, so only the city grants them.
  auditor: { zh: '审计员', en: 'Auditor', grantableOn: ['city', 'district', 'industry'], level: 3 },
  parent: { zh: '家长', en: 'Parent', grantableOn: ['unit'], level: 1 },
};

export function adminLevel(role: Role): 0 | 1 | 2 | 3 {
  if (role === 'city_admin') return 3;
  if (role === 'district_admin') return 2;
  if (role === 'unit_admin') return 1;
  return 0;
}

export function isRole(x: string): x is Role {
  return (ROLES as readonly string[]).includes(x);
}
