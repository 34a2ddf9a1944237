// The `check-class` input format (issue 3; documented in docs/POLICY-RULES.md): campaign overrides,
// one class, and the evaluation date. Owns parsing JSON-like input into a campaign and a ClassSnapshot,
// with errors that name the bad field ("class.children[3].grade"). Missing facts are allowed — the
// rules answer `unknown` — but a present fact of the wrong type is an error. null means "not recorded".

import { z } from 'zod';
import type { IsoDate } from '../calendar/dates.js';
import { buildCampaign, type FieldError, toFieldErrors } from '../campaign/build.js';
import {
  BUILDING_USES,
  type Campaign,
  FUNDING_PURPOSES,
  FUNDING_SOURCES,
  isoDateSchema,
  MANAGEMENT_DOCUMENTS,
  PRIMARY_GRADES,
  VENUE_LOCATIONS,
} from '../campaign/schema.js';
import { CLASS_PHASES, type ClassSnapshot, type Grade } from './types.js';

/** null and absent both mean "not recorded"; both become undefined in the snapshot. */
const opt = <T extends z.ZodType>(t: T) => t.nullish().transform((v) => (v === null ? undefined : v));

const gradeSchema = z
  .union([z.enum(['1', '2', '3', '4', '5', '6', 'K']), z.literal(PRIMARY_GRADES)], {
    error: 'expected a grade "1".."6" or "K"',
  })
  .transform((g): Grade => (g === 'K' ? 'K' : (Number(g) as Grade)));

const dayCount = z.number().int().min(0);

const childSchema = z.strictObject({
  id: opt(z.string()),
  grade: opt(gradeSchema),
  selfCare: opt(z.boolean()),
  custodyAgreement: opt(z.boolean()),
  insurance: opt(z.boolean()),
  presentDays: opt(dayCount),
  sickLeaveDays: opt(dayCount),
  enrolledOn: opt(isoDateSchema),
  withdrawnOn: opt(isoDateSchema),
});

const venueSchema = z.strictObject({
  independent: opt(z.boolean()),
  location: opt(z.enum(VENUE_LOCATIONS)),
  buildingUse: opt(z.enum(BUILDING_USES)),
  nearHazard: opt(z.boolean()),
  ventilationLighting: opt(z.boolean()),
  fireSafety: opt(z.boolean()),
  /** An evidence file for fire safety is on record; absent or null: not recorded (`unknown` while required). */
  fireEvidence: opt(z.boolean()),
  surveillance: opt(z.boolean()),
});

/** The catering contract's period, first to last day inclusive. */
const contractSchema = z
  .strictObject({ start: isoDateSchema, end: isoDateSchema })
  .refine((k) => k.end >= k.start, { message: 'end must not be before start', path: ['end'] });

const cateringSchema = z.strictObject({
  mode: opt(z.enum(['self', 'contracted', 'none'])),
  licenseExpiry: opt(isoDateSchema),
  /** Absent or null: not recorded (`unknown` for a contracted class). */
  contract: opt(contractSchema),
});

const fundingLineSchema = z.strictObject({
  source: opt(z.enum(FUNDING_SOURCES)),
  purpose: opt(z.enum(FUNDING_PURPOSES)),
  amount: opt(z.number().min(0)),
});

export const classInputSchema = z.strictObject({
  /** Descriptive only; not judged. */
  name: opt(z.string()),
  /** Where the class is in its life; before enrolment closes the rules about enrolled children are pending. */
  phase: opt(z.enum(CLASS_PHASES)),
  startDate: opt(isoDateSchema),
  endDate: opt(isoDateSchema),
  closedDates: opt(z.array(isoDateSchema)),
  mode: opt(z.enum(['standalone', 'joint', 'partner'])),
  management: opt(z.enum(['union', 'volunteers', 'purchased'])),
  partnerAgreement: opt(z.boolean()),
  providerQualified: opt(z.boolean()),
  venue: opt(venueSchema),
  catering: opt(cateringSchema),
  children: opt(z.array(childSchema)),
  funding: opt(z.array(fundingLineSchema)),
  /** The written rules the class holds (P-S/P-R6/P-R7); absent or null: not recorded (`unknown`). */
  documents: opt(z.array(z.enum(MANAGEMENT_DOCUMENTS))),
});

/**
 * The whole file. `campaign` is checked separately (merged over the 2021 template first) so that its
 * errors carry the parameter path; here it only has to be an object.
 */
export const checkClassInputSchema = z.strictObject({
  campaign: opt(z.record(z.string(), z.unknown())),
  class: classInputSchema,
  /** Defaults to today (China time) at the edge that reads the clock, not here. */
  asOf: opt(isoDateSchema),
});

export type CheckClassInput = z.input<typeof checkClassInputSchema>;

export interface ParsedCheckClass {
  campaign: Campaign;
  snapshot: ClassSnapshot;
  asOf: IsoDate | undefined;
}

export type ParseResult = { ok: true; value: ParsedCheckClass } | { ok: false; errors: FieldError[] };

function dropUndefined<T>(value: T): T {
  if (Array.isArray(value)) return value.map(dropUndefined) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, dropUndefined(v)]),
    ) as T;
  }
  return value;
}

/** Parse already-decoded JSON into a campaign, a class snapshot and asOf, or field errors. */
export function parseCheckClassInput(json: unknown): ParseResult {
  const r = checkClassInputSchema.safeParse(json);
  const errors: FieldError[] = r.success ? [] : toFieldErrors(r.error.issues);
  // Check the campaign too even when the class is bad, so one run reports every mistake.
  const overrides = r.success ? r.data.campaign : campaignOverridesOf(json);
  const c = overrides === INVALID ? undefined : buildCampaign(overrides ?? {});
  if (c && !c.ok)
    errors.push(
      ...c.errors.map((e) => ({ path: e.path === '(root)' ? 'campaign' : `campaign.${e.path}`, message: e.message })),
    );
  if (!r.success || !c?.ok) return { ok: false, errors };
  const { name: _name, ...snapshot } = r.data.class;
  return { ok: true, value: { campaign: c.campaign, snapshot: dropUndefined(snapshot), asOf: r.data.asOf } };
}

const INVALID = Symbol('invalid');

/** The raw campaign overrides of an input that failed to parse elsewhere (INVALID when not an object). */
function campaignOverridesOf(json: unknown): Record<string, unknown> | undefined | typeof INVALID {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return INVALID;
  const c = (json as Record<string, unknown>).campaign;
  if (c === undefined || c === null) return undefined;
  return typeof c === 'object' && !Array.isArray(c) ? (c as Record<string, unknown>) : INVALID;
}
