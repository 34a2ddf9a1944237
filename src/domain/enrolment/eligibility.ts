/**
 * P-R1 (对象适合) at application: may this child join this class, by grade and self-care? The same predicates as
 * the roster rules (src/domain/rules/eligibility.ts) plus the class's own offer (`gradesOffered`, empty meaning every
 * grade the campaign allows). Whether the family may join the class at all is a separate rule (the server's
 * `familyMayJoin`), and whether a place is free is `decidePlace`.
 */
import type { Campaign } from '../campaign/schema.js';
import { primaryGradeAllowed, selfCareVerdict } from '../rules/eligibility.js';

export interface ApplyingChild {
  /** '1'…'6' or 'K', as stored. */
  grade: string;
  selfCare: boolean | null;
}

/** Why a child may not apply; null when they may. */
export type IneligibleReason = 'kindergartenNotTaken' | 'kindergartenSelfCare' | 'gradeNotTaken';

export function applicationIneligibility(
  child: ApplyingChild,
  gradesOffered: readonly (number | string)[],
  eligibility: Campaign['eligibility'],
): IneligibleReason | null {
  const offered = gradesOffered.map(String);
  const classTakes = (g: string) => offered.length === 0 || offered.includes(g);
  if (child.grade === 'K') {
    if (eligibility.kindergartenMaxShare <= 0 || !classTakes('K')) return 'kindergartenNotTaken';
    // At application "not recorded" counts as not shown: the guardian states it when adding the child.
    if (selfCareVerdict(child.selfCare, eligibility) !== true) return 'kindergartenSelfCare';
    return null;
  }
  const g = Number(child.grade);
  return primaryGradeAllowed(g, eligibility) && classTakes(String(g)) ? null : 'gradeNotTaken';
}
