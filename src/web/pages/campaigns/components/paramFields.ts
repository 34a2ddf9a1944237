/**
 * The campaign parameter form, declared once: each section lists its fields by their path in `params` (the same
 * dotted path the server names in a 400, e.g. `params.scale.minAttendanceRate`), so that the read-only view, the
 * edit form and the server's field errors all line up. Shares are stored as 0–1 and shown as percentages.
 */
import dayjs, { type Dayjs } from 'dayjs';
import type { RequirementLevel } from '../../../../domain/campaign/schema';
import type { CampaignParams } from '../../../app/api/types';
import {
  BUILDING_KEYS,
  buildingUseLabel,
  HOLIDAY_KEYS,
  holidayLabel,
  LEVEL_KEYS,
  LOCATION_KEYS,
  levelLabel,
  levelOptionLabel,
  locationLabel,
  PRIORITY_KEYS,
  priorityGroupLabel,
  SICK_KEYS,
  sickLeaveLabel,
  VENUE_CHECK_KEYS,
  venueCheckLabel,
} from '../../../app/careLabels';
import type { Lang } from '../../../app/i18n';

export type FieldKind =
  | 'text'
  | 'int'
  | 'percent'
  | 'bool'
  | 'date'
  | 'month'
  | 'enum'
  | 'multi'
  | 'ordered'
  | 'grades';

export interface ParamField {
  path: string[];
  kind: FieldKind;
  /** i18n key under campaigns.field, or a ready label function for vocabulary-driven items. */
  label: string | ((lang: Lang) => string);
  options?: (lang: Lang) => { value: string; label: string }[];
  /** A shorter text for the read-only view than the form's option label. */
  display?: (value: string, lang: Lang) => string;
  /** Shown under the field. */
  hint?: string;
}

export interface ParamSection {
  key: string;
  /** Requirement ids of the policy this section encodes. */
  refs: string[];
  fields: ParamField[];
}

const opts =
  <K extends string>(keys: readonly K[], label: (k: K, lang: Lang) => string) =>
  (lang: Lang) =>
    keys.map((k) => ({ value: k, label: label(k, lang) }));
const levelOptions = opts(LEVEL_KEYS, levelOptionLabel);
const levelShort = (v: string, lang: Lang) => levelLabel(v as RequirementLevel, lang);
/** A requirement-level field: long option labels in the form, the bare level in the view. */
const level = { kind: 'enum' as const, options: levelOptions, display: levelShort };

export const SECTIONS: ParamSection[] = [
  {
    key: 'basics',
    refs: ['P-R2'],
    fields: [
      { path: ['year'], kind: 'int', label: 'year' },
      { path: ['holidayType'], kind: 'enum', label: 'holidayType', options: opts(HOLIDAY_KEYS, holidayLabel) },
      { path: ['season', 'start'], kind: 'date', label: 'seasonStart' },
      { path: ['season', 'end'], kind: 'date', label: 'seasonEnd' },
    ],
  },
  {
    key: 'targets',
    refs: ['P-T1', 'P-T2', 'P-T3'],
    fields: [
      { path: ['targets', 'units'], kind: 'int', label: 'targetUnits' },
      { path: ['targets', 'families'], kind: 'int', label: 'targetFamilies' },
      { path: ['targets', 'demonstrationClasses'], kind: 'int', label: 'targetDemonstration' },
    ],
  },
  {
    key: 'eligibility',
    refs: ['P-R1'],
    fields: [
      { path: ['eligibility', 'gradesAllowed'], kind: 'grades', label: 'gradesAllowed' },
      {
        path: ['eligibility', 'kindergartenMaxShare'],
        kind: 'percent',
        label: 'kindergartenMaxShare',
        hint: 'kindergartenMaxShareHint',
      },
      { path: ['eligibility', 'kindergartenSelfCareRequired'], kind: 'bool', label: 'kindergartenSelfCareRequired' },
    ],
  },
  {
    key: 'scale',
    refs: ['P-R3'],
    fields: [
      { path: ['scale', 'minChildren'], kind: 'int', label: 'minChildren' },
      { path: ['scale', 'minWorkingDays'], kind: 'int', label: 'minWorkingDays' },
      { path: ['scale', 'minAttendanceRate'], kind: 'percent', label: 'minAttendanceRate' },
      { path: ['scale', 'sickLeave'], kind: 'enum', label: 'sickLeave', options: opts(SICK_KEYS, sickLeaveLabel) },
    ],
  },
  {
    key: 'venue',
    refs: ['P-R4', 'P-R5'],
    fields: [
      ...VENUE_CHECK_KEYS.map(
        (c): ParamField => ({
          path: ['venue', 'checks', c],
          label: (lang) => venueCheckLabel(c, lang),
          ...level,
        }),
      ),
      {
        path: ['venue', 'forbiddenLocations'],
        kind: 'multi',
        label: 'forbiddenLocations',
        options: opts(LOCATION_KEYS, locationLabel),
      },
      {
        path: ['venue', 'forbiddenBuildingUses'],
        kind: 'multi',
        label: 'forbiddenBuildingUses',
        options: opts(BUILDING_KEYS, buildingUseLabel),
      },
    ],
  },
  {
    key: 'catering',
    refs: ['P-R5'],
    fields: [
      { path: ['catering', 'contract'], label: 'cateringContract', ...level },
      { path: ['catering', 'licenceValidThroughLastDay'], kind: 'bool', label: 'licenceValidThroughLastDay' },
    ],
  },
  {
    key: 'responsibility',
    refs: ['P-R7'],
    fields: [
      { path: ['responsibility', 'custodyAgreement'], label: 'custodyAgreement', ...level },
      { path: ['responsibility', 'partnerAgreement'], label: 'partnerAgreement', ...level },
      { path: ['responsibility', 'providerQualification'], label: 'providerQualification', ...level },
      { path: ['responsibility', 'guardianInsurance'], label: 'guardianInsurance', ...level },
    ],
  },
  // Funding sources are a table of their own (FundingFields / FundingView).
  { key: 'funding', refs: ['P-R8', 'P-R7'], fields: [] },
  {
    key: 'staffing',
    refs: [],
    fields: [{ path: ['staffing', 'maxChildrenPerAdult'], kind: 'int', label: 'maxChildrenPerAdult' }],
  },
  {
    key: 'enrolment',
    refs: ['P-R7'],
    fields: [
      {
        path: ['enrolment', 'priorityGroups'],
        kind: 'ordered',
        label: 'priorityGroups',
        options: opts(PRIORITY_KEYS, priorityGroupLabel),
        hint: 'priorityGroupsHint',
      },
      { path: ['enrolment', 'offerHours'], kind: 'int', label: 'offerHours' },
    ],
  },
  {
    key: 'reporting',
    refs: ['P-K1', 'P-K2', 'P-K3', 'P-K4'],
    fields: [
      { path: ['reporting', 'plan'], kind: 'date', label: 'reportPlan' },
      { path: ['reporting', 'preparation'], kind: 'date', label: 'reportPreparation' },
      { path: ['reporting', 'monthly', 'from'], kind: 'month', label: 'reportMonthlyFrom' },
      { path: ['reporting', 'monthly', 'to'], kind: 'month', label: 'reportMonthlyTo' },
      { path: ['reporting', 'summary'], kind: 'date', label: 'reportSummary' },
      { path: ['reporting', 'demonstrationApplicationsWithSummary'], kind: 'bool', label: 'demonstrationWithSummary' },
      { path: ['reporting', 'selection', 'start'], kind: 'date', label: 'selectionStart' },
      { path: ['reporting', 'selection', 'end'], kind: 'date', label: 'selectionEnd' },
    ],
  },
];

export const ALL_FIELDS = SECTIONS.flatMap((s) => s.fields);

type Json = Record<string, unknown>;

export function getAt(o: unknown, path: readonly (string | number)[]): unknown {
  let cur = o;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Json)[k as string];
  }
  return cur;
}

export function setAt(o: Json, path: readonly string[], value: unknown): void {
  let cur = o;
  path.forEach((k, i) => {
    if (i === path.length - 1) cur[k] = value;
    else {
      if (typeof cur[k] !== 'object' || cur[k] === null) cur[k] = {};
      cur = cur[k] as Json;
    }
  });
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Stored value → form control value. */
function toControl(kind: FieldKind, v: unknown): unknown {
  if (v === undefined || v === null) return undefined;
  if (kind === 'percent') return round(Number(v) * 100, 2);
  if (kind === 'date') return dayjs(String(v));
  if (kind === 'month') return dayjs(`${String(v)}-01`);
  return v;
}

/** Form control value → stored value (undefined when empty, so the server names the missing field). */
function fromControl(kind: FieldKind, v: unknown): unknown {
  if (v === undefined || v === null || v === '') return undefined;
  if (kind === 'percent') return round(Number(v) / 100, 4);
  if (kind === 'date') return (v as Dayjs).format('YYYY-MM-DD');
  if (kind === 'month') return (v as Dayjs).format('YYYY-MM');
  if (kind === 'grades') return [...(v as number[])].sort((a, b) => a - b);
  return v;
}

export function toFormValues(p: CampaignParams): Json {
  const out: Json = { name: p.name };
  for (const f of ALL_FIELDS) setAt(out, f.path, toControl(f.kind, getAt(p, f.path)));
  out.funding = structuredClone(p.funding);
  return out;
}

/** The whole parameter set from the form (arrays replace whole on the server, so every list is sent). */
export function fromFormValues(v: Json): Json {
  const out: Json = {};
  for (const f of ALL_FIELDS) {
    const value = fromControl(f.kind, getAt(v, f.path));
    if (value !== undefined) setAt(out, f.path, value);
  }
  if (v.funding) out.funding = v.funding;
  return out;
}

/** A stored value as text for the read-only view. */
export function displayValue(f: ParamField, v: unknown, lang: Lang, yes: string, no: string): string {
  if (v === undefined || v === null) return '—';
  switch (f.kind) {
    case 'percent':
      return `${round(Number(v) * 100, 2)}%`;
    case 'bool':
      return v ? yes : no;
    case 'enum':
      return f.display?.(String(v), lang) ?? f.options?.(lang).find((o) => o.value === v)?.label ?? String(v);
    case 'multi':
    case 'ordered': {
      const list = v as string[];
      if (list.length === 0) return '—';
      const labels = list.map((x) => f.options?.(lang).find((o) => o.value === x)?.label ?? x);
      return f.kind === 'ordered' ? labels.map((l, i) => `${i + 1}. ${l}`).join('  ') : labels.join('、');
    }
    case 'grades':
      return (v as number[]).join('、');
    default:
      return String(v);
  }
}
