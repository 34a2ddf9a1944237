/**
 * The narrative as stored (reports.draft, report_versions.sections): `[{ heading, text }]`, and for a summary with
 * demonstration applications one more entry `{ heading: 申报市级示范爱心托管班, text, applications: [classId] }`.
 * Read defensively: the column is JSON.
 */
import { APPLICATIONS_HEADING } from '../../../domain/reports/calendar.js';
import type { JsonValue } from '../../db/json-types.js';

export interface StoredNarrative {
  sections: { heading: string; text: string }[];
  applications: number[];
}

export function readNarrative(raw: JsonValue | unknown): StoredNarrative {
  const out: StoredNarrative = { sections: [], applications: [] };
  if (!Array.isArray(raw)) return out;
  for (const item of raw) {
    if (!item || typeof item !== 'object' || Array.isArray(item)) continue;
    const o = item as Record<string, unknown>;
    if (typeof o.heading !== 'string') continue;
    if (Array.isArray(o.applications)) {
      out.applications = o.applications.filter((x): x is number => Number.isInteger(x));
      continue;
    }
    out.sections.push({ heading: o.heading, text: typeof o.text === 'string' ? o.text : '' });
  }
  return out;
}

export function writeNarrative(n: StoredNarrative, applicationNames: Map<number, string>): JsonValue {
  const rows: JsonValue[] = n.sections.map((s) => ({ heading: s.heading, text: s.text }));
  if (n.applications.length > 0) {
    rows.push({
      heading: APPLICATIONS_HEADING,
      text: n.applications.map((id) => `- ${applicationNames.get(id) ?? `#${id}`}`).join('\n'),
      applications: n.applications,
    });
  }
  return rows;
}

/** Sections in the order of the headings, one per heading (empty text where nothing was written). */
export function alignToHeadings(headings: readonly string[], sections: StoredNarrative['sections']) {
  const byHeading = new Map(sections.map((s) => [s.heading, s.text]));
  return headings.map((heading) => ({ heading, text: byHeading.get(heading) ?? '' }));
}
