/**
 * The organisation tree's shape (P-…: 市总 → 各地区/各单位 → 基层单位): which kinds exist, what may be a child of
 * what, and the unit types the policy names (机关、企事业单位、园区、街道、社区 …).
 */
export const ORG_KINDS = ['city', 'district', 'industry', 'unit'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export const UNIT_TYPES = [
  'agency',
  'enterprise',
  'institution',
  'park',
  'street',
  'community',
  'school',
  'other',
] as const;
export type UnitType = (typeof UNIT_TYPES)[number];

export const UNIT_TYPE_LABELS: Record<UnitType, { zh: string; en: string }> = {
  agency: { zh: '机关', en: 'Government agency' },
  enterprise: { zh: '企业', en: 'Enterprise' },
  institution: { zh: '事业单位', en: 'Public institution' },
  park: { zh: '园区', en: 'Industrial park' },
  street: { zh: '街道', en: 'Sub-district' },
  community: { zh: '社区', en: 'Community' },
  school: { zh: '学校', en: 'School' },
  other: { zh: '其他', en: 'Other' },
};

export const ORG_KIND_LABELS: Record<OrgKind, { zh: string; en: string }> = {
  city: { zh: '市总工会', en: 'City federation' },
  district: { zh: '区县工会', en: 'District/county union' },
  industry: { zh: '产业工会', en: 'Industry union' },
  unit: { zh: '基层单位', en: 'Grassroots unit' },
};

/** 市总 has district and industry unions under it; they have grassroots units; units have no children. */
export function allowedChildKinds(parent: OrgKind): readonly OrgKind[] {
  switch (parent) {
    case 'city':
      return ['district', 'industry'];
    case 'district':
    case 'industry':
      return ['unit'];
    case 'unit':
      return [];
  }
}

export function isValidDivisionCode(code: string): boolean {
  return /^[1-8]\d{5}$/.test(code);
}
