// Running the whole rule set over one class. Owns the rule order (the order of the id contract) and
// the guarantee that evaluation never throws: a rule that breaks on odd data reports `unknown`.

import type { IsoDate } from '../calendar/dates.js';
import type { Campaign } from '../campaign/schema.js';
import { attendanceRateRule } from './attendance-rule.js';
import { gradeRule, kindergartenSelfCareRule, kindergartenShareRule } from './eligibility.js';
import { documentsRule } from './management.js';
import {
  cateringRule,
  custodyRule,
  insuranceRule,
  partnerAgreementRule,
  providerQualificationRule,
  unionFundsRule,
} from './responsibility.js';
import { minChildrenRule, minWorkingDaysRule, withinSeasonRule } from './scale.js';
import { RULE_IDS, type ClassSnapshot, type Rule, type RuleId, type RuleResult } from './types.js';
import { venueRules } from './venue.js';

const byId = new Map<RuleId, Rule>(
  [
    gradeRule,
    kindergartenShareRule,
    kindergartenSelfCareRule,
    withinSeasonRule,
    minChildrenRule,
    minWorkingDaysRule,
    attendanceRateRule,
    ...venueRules,
    cateringRule,
    custodyRule,
    partnerAgreementRule,
    providerQualificationRule,
    insuranceRule,
    unionFundsRule,
    documentsRule,
  ].map((r) => [r.id, r]),
);

/** Every rule, in the order of RULE_IDS. */
export const RULES: readonly Rule[] = RULE_IDS.map((id) => {
  const r = byId.get(id);
  if (!r) throw new Error(`rule ${id} is not implemented`); // a programming error, caught by tests at load
  return r;
});

export function getRule(id: RuleId): Rule {
  return byId.get(id) as Rule;
}

export interface ClassEvaluation {
  /** True when no rule fails (warn and unknown do not make a class fail). */
  ok: boolean;
  asOf: IsoDate;
  rules: RuleResult[];
  counts: Record<RuleResult['status'], number>;
}

/** One rule, shielded: an exception becomes `unknown` so one bad record cannot hide other verdicts. */
export function evaluateRule(rule: Rule, snapshot: ClassSnapshot, campaign: Campaign, asOf: IsoDate): RuleResult {
  try {
    return rule.evaluate(snapshot ?? {}, campaign, asOf);
  } catch (e) {
    return {
      id: rule.id,
      policyRefs: rule.policyRefs,
      status: 'unknown',
      message: { zh: '数据不完整或有误，无法判断。', en: 'The data could not be judged.' },
      facts: { error: e instanceof Error ? e.message : String(e) },
    };
  }
}

/** All rules over one class, as of a date. Pure: the same inputs give the same verdicts. */
export function evaluateClass(snapshot: ClassSnapshot, campaign: Campaign, asOf: IsoDate): ClassEvaluation {
  const rules = RULES.map((r) => evaluateRule(r, snapshot, campaign, asOf));
  const counts = { pass: 0, warn: 0, fail: 0, unknown: 0 };
  for (const r of rules) counts[r.status]++;
  return { ok: counts.fail === 0, asOf, rules, counts };
}

/** The rules in force for a campaign in plain words, for the read-only rules page. */
export function rulesInForce(
  campaign: Campaign,
): { id: RuleId; policyRefs: readonly string[]; zh: string; en: string }[] {
  return RULES.map((r) => ({ id: r.id, policyRefs: r.policyRefs, ...r.describe(campaign) }));
}
