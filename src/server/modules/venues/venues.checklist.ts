/**
 * The P-R4 checklist of a venue as stored (jsonb) and as the rules engine reads it. Owns the translation in both
 * directions so that other modules (care classes building a `ClassSnapshot`) never parse the jsonb themselves.
 */
import { TEMPLATE_2021 } from '../../../domain/campaign/index.js';
import type { BuildingUse, VenueCheck, VenueLocation } from '../../../domain/campaign/schema.js';
import type { VenueSnapshot } from '../../../domain/rules/types.js';
import type { VenueRecord } from './venues.repo.js';
import { type ChecklistInput, EMPTY_CHECKLIST } from './venues.schema.js';

export const ANSWER_KEYS = ['independent', 'nearHazard', 'ventilationLighting', 'fireSafety', 'surveillance'] as const;

const bool = (v: unknown): boolean | null => (typeof v === 'boolean' ? v : null);

/** The stored checklist, tolerant of missing keys (rows written before a key existed read as "not checked"). */
export function readChecklist(json: unknown): ChecklistInput {
  const o = (json && typeof json === 'object' ? json : {}) as Record<string, unknown>;
  const rec = (v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? v : {}) as ChecklistInput['notes'];
  return {
    ...EMPTY_CHECKLIST,
    ...Object.fromEntries(ANSWER_KEYS.map((k) => [k, bool(o[k])])),
    notes: rec(o.notes),
    evidence: rec(o.evidence) as ChecklistInput['evidence'],
  };
}

export const checklistComplete = (c: ChecklistInput) => ANSWER_KEYS.every((k) => c[k] !== null);

/** The venue as the rules engine's `ClassSnapshot.venue` wants it (unknown answers are left out). */
export function venueSnapshot(v: Pick<VenueRecord, 'checklist' | 'location' | 'buildingUse'>): VenueSnapshot {
  const c = readChecklist(v.checklist);
  const snap: VenueSnapshot = { location: v.location as VenueLocation, buildingUse: v.buildingUse as BuildingUse };
  for (const k of ANSWER_KEYS) {
    const a = c[k];
    if (a !== null) snap[k] = a;
  }
  return snap;
}

type Status = 'met' | 'unmet' | 'unknown';
const yes = (v: boolean | null | undefined): Status =>
  v === undefined || v === null ? 'unknown' : v ? 'met' : 'unmet';

/** Each item met/unmet/unknown, with the built-in template's forbidden sites (see venueResponse.checklistStatus). */
export function checklistStatus(
  v: Pick<VenueRecord, 'checklist' | 'location' | 'buildingUse'>,
): Record<VenueCheck, Status> {
  const s = venueSnapshot(v);
  const forbidden =
    (TEMPLATE_2021.venue.forbiddenLocations as readonly string[]).includes(v.location) ||
    (TEMPLATE_2021.venue.forbiddenBuildingUses as readonly string[]).includes(v.buildingUse);
  return {
    independent: yes(s.independent),
    forbiddenLocation: forbidden ? 'unmet' : 'met',
    hazards: yes(s.nearHazard === undefined ? undefined : !s.nearHazard),
    ventilationLighting: yes(s.ventilationLighting),
    fireSafety: yes(s.fireSafety),
    surveillance: yes(s.surveillance),
  };
}
