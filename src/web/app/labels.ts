/** Display labels for domain enums, taken from the domain modules (one source for the server, import and UI). */
import { ORG_KIND_LABELS, type OrgKind, UNIT_TYPE_LABELS, type UnitType } from '../../domain/org/orgKinds';
import { ROLE_SPECS, type Role } from '../../domain/people/roles';
import { currentLang, type Lang } from './i18n';

// `lang` defaults to the UI language; memoised callers pass it so that they recompute when it changes.
export const roleLabel = (r: Role, lang: Lang = currentLang()): string => ROLE_SPECS[r][lang];
export const orgKindLabel = (k: OrgKind, lang: Lang = currentLang()): string => ORG_KIND_LABELS[k][lang];
export const unitTypeLabel = (u: UnitType, lang: Lang = currentLang()): string => UNIT_TYPE_LABELS[u][lang];

export const ORG_KIND_COLORS: Record<OrgKind, string> = {
  city: 'red',
  district: 'blue',
  industry: 'purple',
  unit: 'green',
};
