// Building a campaign: partial parameters merged over a base (the 2021 template or last year's
// campaign), then validated into field-level errors. Owns the merge semantics and error paths.

import { shiftYears } from '../calendar/dates.js';
import { type Campaign, campaignParamsSchema } from './schema.js';
import { TEMPLATE_2021 } from './template.js';

/** Any subset of a campaign's parameters, nested; arrays are replaced whole, never merged. */
export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;
export type CampaignOverrides = DeepPartial<Campaign>;

/** One invalid parameter: `path` is dotted with [index] for arrays, e.g. "eligibility.gradesAllowed[2]". */
export interface FieldError {
  path: string;
  message: string;
}

export type CampaignResult = { ok: true; campaign: Campaign } | { ok: false; errors: FieldError[] };

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Deep merge for JSON-like values: objects merge key by key, everything else (arrays too) replaces. */
export function mergeOver(base: unknown, overrides: unknown): unknown {
  if (overrides === undefined) return structuredClone(base);
  if (!isPlainObject(base) || !isPlainObject(overrides)) return structuredClone(overrides);
  const out: Record<string, unknown> = structuredClone(base);
  for (const [k, v] of Object.entries(overrides)) {
    out[k] = k in base ? mergeOver(base[k], v) : structuredClone(v);
  }
  return out;
}

/** Format a zod-style path: ["a", 0, "b"] → "a[0].b". */
export function formatPath(path: readonly PropertyKey[], prefix = ''): string {
  let out = prefix;
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out === '' ? '(root)' : out;
}

/** The parts of a zod issue we read; kept structural so callers need not import zod's types. */
interface IssueLike {
  code: string;
  path: readonly PropertyKey[];
  message: string;
  keys?: readonly string[];
}

/**
 * zod issues as field errors. An unknown key gets its own path ("scale.minAttendence: unknown field")
 * because a typo is best reported where the user wrote it.
 */
export function toFieldErrors(issues: readonly IssueLike[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const i of issues) {
    if (i.code === 'unrecognized_keys' && i.keys && i.keys.length > 0) {
      for (const k of i.keys) out.push({ path: formatPath([...i.path, k], prefix), message: 'unknown field' });
    } else {
      out.push({ path: formatPath(i.path, prefix), message: i.message });
    }
  }
  return out;
}

/** Field-level errors of a complete parameter set; empty when valid. */
export function validateCampaignParams(params: unknown): FieldError[] {
  const r = campaignParamsSchema.safeParse(params);
  return r.success ? [] : toFieldErrors(r.error.issues);
}

/**
 * A campaign from `overrides` merged over `base` (default: the 2021 template). Unknown parameter names,
 * wrong types and out-of-range values come back as field errors with the path the caller wrote.
 */
export function buildCampaign(overrides: unknown = {}, base: Readonly<Campaign> = TEMPLATE_2021): CampaignResult {
  if (overrides !== undefined && overrides !== null && !isPlainObject(overrides)) {
    return { ok: false, errors: [{ path: '(root)', message: 'expected an object of campaign parameters' }] };
  }
  const merged = mergeOver(base, overrides ?? {});
  const r = campaignParamsSchema.safeParse(merged);
  if (r.success) return { ok: true, campaign: r.data };
  return { ok: false, errors: toFieldErrors(r.error.issues) };
}

/**
 * `base` rolled over to `year`: every date (season, deadlines, monthly range) moves by the same number of
 * years, so "create the 2025 campaign from 2021's" starts from sensible dates. Winter campaigns whose
 * dates straddle New Year keep their shape because all dates move together.
 */
export function rollCampaignToYear(base: Readonly<Campaign>, year: number): Campaign {
  const n = year - base.year;
  const shiftMonth = (ym: string) => shiftYears(`${ym}-01`, n).slice(0, 7);
  const c = structuredClone(base) as Campaign;
  c.year = year;
  c.season = { start: shiftYears(base.season.start, n), end: shiftYears(base.season.end, n) };
  c.reporting = {
    ...c.reporting,
    plan: shiftYears(base.reporting.plan, n),
    preparation: shiftYears(base.reporting.preparation, n),
    monthly: { from: shiftMonth(base.reporting.monthly.from), to: shiftMonth(base.reporting.monthly.to) },
    summary: shiftYears(base.reporting.summary, n),
    selection: {
      start: shiftYears(base.reporting.selection.start, n),
      end: shiftYears(base.reporting.selection.end, n),
    },
  };
  return c;
}
