// Eligibility rules (P-R1 对象适合): primary grades 1–6 allowed by the campaign; kindergarten children
// with self-care ability up to a share of the class (10 % in 2021, boundary inclusive).

import type { IsoDate } from '../calendar/dates.js';
import type { Campaign } from '../campaign/schema.js';
import { enrolledChildren, everyChildRule, listLabels, pct, pendingUntilEnrolmentCloses, result } from './helpers.js';
import type { ClassSnapshot, Rule } from './types.js';

const GRADES_IN_WORDS = (gs: readonly number[]) => [...gs].sort((a, b) => a - b).join('、');

type Eligibility = Campaign['eligibility'];

/**
 * P-R1's two conditions on one child, shared by the rules below (a class's roster) and by the check at application
 * (src/domain/enrolment/eligibility.ts). A primary grade must be one the campaign lists; kindergarten is admitted
 * by its share instead (kindergartenShareRule, and `decidePlace` at application).
 */
export const primaryGradeAllowed = (grade: number, e: Eligibility): boolean =>
  (e.gradesAllowed as readonly number[]).includes(grade);

/** A kindergarten child's self-care when the campaign requires it: true passes, false fails, unknown is unknown. */
export const selfCareVerdict = (selfCare: boolean | null | undefined, e: Eligibility): boolean | undefined =>
  !e.kindergartenSelfCareRequired || selfCare === true ? true : selfCare === false ? false : undefined;

export const gradeRule: Rule = {
  id: 'eligibility.grade',
  policyRefs: ['P-R1'],
  describe: (c) => ({
    zh: `托管对象为就读于小学${GRADES_IN_WORDS(c.eligibility.gradesAllowed)}年级的职工子女，或幼儿园阶段子女（另有比例限制）。`,
    en: `Children in primary grades ${GRADES_IN_WORDS(c.eligibility.gradesAllowed)}, or kindergarten children (share capped separately).`,
  }),
  evaluate(s: ClassSnapshot, c: Campaign, asOf: IsoDate) {
    return everyChildRule(
      gradeRule,
      enrolledChildren(s, asOf),
      (child) =>
        child.grade === undefined ? undefined : child.grade === 'K' || primaryGradeAllowed(child.grade, c.eligibility),
      'required',
      {
        what: {
          zh: `就读年级在本项目允许范围内（小学${GRADES_IN_WORDS(c.eligibility.gradesAllowed)}年级或幼儿园）`,
          en: `in an allowed grade (${GRADES_IN_WORDS(c.eligibility.gradesAllowed)} or kindergarten)`,
        },
        fix: {
          zh: '核实年级；不符合条件的儿童不应纳入托管。',
          en: 'Check the grades; ineligible children should not be enrolled.',
        },
      },
    );
  },
};

/** Smallest number of primary-grade children to add so that k / (n + x) ≤ cap; undefined if impossible. */
function primaryToAdd(k: number, n: number, cap: number): number | undefined {
  if (k > 0 && cap <= 0) return undefined;
  let x = Math.max(0, Math.ceil(k / cap - n) - 1);
  while (k / (n + x) > cap) x++;
  return x;
}

/** Smallest number of kindergarten children to withdraw so that (k − r) / (n − r) ≤ cap. */
function kindergartenToRemove(k: number, n: number, cap: number): number {
  let r = 0;
  while (r < k && (k - r) / (n - r) > cap) r++;
  return r;
}

export const kindergartenShareRule: Rule = {
  id: 'eligibility.kindergartenShare',
  policyRefs: ['P-R1'],
  describe: (c) => ({
    zh:
      c.eligibility.kindergartenMaxShare > 0
        ? `幼儿园阶段儿童不超过在托人数的 ${pct(c.eligibility.kindergartenMaxShare)}（含）。`
        : '本项目不纳入幼儿园阶段儿童。',
    en:
      c.eligibility.kindergartenMaxShare > 0
        ? `Kindergarten children at most ${pct(c.eligibility.kindergartenMaxShare)} of enrolled children (inclusive).`
        : 'This campaign admits no kindergarten children.',
  }),
  evaluate(s, c, asOf) {
    const cap = c.eligibility.kindergartenMaxShare;
    const roster = enrolledChildren(s, asOf);
    if (roster === undefined || roster.length === 0) {
      return result(
        kindergartenShareRule,
        'unknown',
        { zh: '尚无在托儿童，无法计算幼儿园儿童占比。', en: 'No children enrolled yet; no share to compute.' },
        { cap },
      );
    }
    const n = roster.length;
    const k = roster.filter((r) => r.child.grade === 'K').length;
    const missing = roster.filter((r) => r.child.grade === undefined).length;
    const facts = { kindergarten: k, enrolled: n, gradeMissing: missing, share: k / n, cap };
    // Decide only when the missing grades cannot change the verdict.
    if (k / n > cap) {
      const add = primaryToAdd(k, n, cap);
      const remove = kindergartenToRemove(k, n, cap);
      const verdict = result(
        kindergartenShareRule,
        'fail',
        {
          zh: `幼儿园儿童 ${k} 名，占在托 ${n} 名的 ${pct(k / n)}，超过 ${pct(cap)} 的上限。`,
          en: `${k} kindergarten children of ${n} enrolled is ${pct(k / n)}, above the ${pct(cap)} cap.`,
        },
        { ...facts, primaryToAdd: add ?? null, kindergartenToRemove: remove },
        add === undefined
          ? {
              zh: `本项目不纳入幼儿园儿童，需退出 ${remove} 名。`,
              en: `This campaign admits none: withdraw ${remove}.`,
            }
          : {
              zh: `再招收 ${add} 名小学生，或减少 ${remove} 名幼儿园儿童。`,
              en: `Enrol ${add} more primary children, or withdraw ${remove} kindergarten children.`,
            },
      );
      // While places are still taken, more primary children may bring the share down — unless the campaign
      // admits no kindergarten children at all, which no enrolment can fix.
      return add === undefined ? verdict : pendingUntilEnrolmentCloses(s, verdict);
    }
    if ((k + missing) / n > cap) {
      return result(
        kindergartenShareRule,
        'unknown',
        {
          zh: `${missing} 名儿童未登记年级，无法确定幼儿园儿童占比是否超过 ${pct(cap)}。`,
          en: `${missing} children have no grade recorded; cannot tell whether the ${pct(cap)} cap holds.`,
        },
        facts,
        { zh: '补充登记全部儿童的年级。', en: 'Record every child’s grade.' },
      );
    }
    return result(
      kindergartenShareRule,
      'pass',
      {
        zh: `幼儿园儿童 ${k} 名，占在托 ${n} 名的 ${pct(k / n)}，未超过 ${pct(cap)}。`,
        en: `${k} kindergarten children of ${n} enrolled is ${pct(k / n)}, within the ${pct(cap)} cap.`,
      },
      facts,
    );
  },
};

export const kindergartenSelfCareRule: Rule = {
  id: 'eligibility.kindergartenSelfCare',
  policyRefs: ['P-R1'],
  describe: (c) =>
    c.eligibility.kindergartenSelfCareRequired
      ? {
          zh: '纳入托管的幼儿园阶段儿童须具有自理能力。',
          en: 'Kindergarten children must be able to look after themselves.',
        }
      : { zh: '本项目未要求幼儿园儿童具有自理能力。', en: 'No self-care requirement for kindergarten children.' },
  evaluate(s, c, asOf) {
    if (!c.eligibility.kindergartenSelfCareRequired) {
      return result(
        kindergartenSelfCareRule,
        'pass',
        { zh: '本项目未要求幼儿园儿童具有自理能力。', en: 'Not required by this campaign.' },
        { required: false },
      );
    }
    const roster = enrolledChildren(s, asOf);
    if (roster === undefined || roster.length === 0) {
      return result(kindergartenSelfCareRule, 'unknown', { zh: '尚无在托儿童。', en: 'No children enrolled yet.' });
    }
    const gradeMissing = roster.filter((r) => r.child.grade === undefined).map((r) => r.label);
    const kids = roster.filter((r) => r.child.grade === 'K');
    const failing = kids.filter((r) => selfCareVerdict(r.child.selfCare, c.eligibility) === false).map((r) => r.label);
    const missing = kids
      .filter((r) => selfCareVerdict(r.child.selfCare, c.eligibility) === undefined)
      .map((r) => r.label);
    const facts = { kindergarten: kids.length, failing, selfCareMissing: missing, gradeMissing };
    if (failing.length > 0) {
      return result(
        kindergartenSelfCareRule,
        'fail',
        {
          zh: `${failing.length} 名幼儿园儿童不具备自理能力（${listLabels(failing)}）。`,
          en: `${failing.length} kindergarten children cannot look after themselves (${listLabels(failing)}).`,
        },
        facts,
        {
          zh: '仅纳入具有自理能力的幼儿园儿童。',
          en: 'Admit only kindergarten children who can look after themselves.',
        },
      );
    }
    if (missing.length > 0 || gradeMissing.length > 0) {
      return result(
        kindergartenSelfCareRule,
        'unknown',
        {
          zh: `有儿童未登记年级或自理能力（${listLabels([...missing, ...gradeMissing])}）。`,
          en: `Grade or self-care not recorded for some children (${listLabels([...missing, ...gradeMissing])}).`,
        },
        facts,
        { zh: '补充登记年级和幼儿园儿童的自理能力。', en: 'Record grades and kindergarten children’s self-care.' },
      );
    }
    return result(
      kindergartenSelfCareRule,
      'pass',
      kids.length === 0
        ? { zh: '没有幼儿园阶段儿童。', en: 'No kindergarten children.' }
        : {
            zh: `${kids.length} 名幼儿园儿童均具有自理能力。`,
            en: `All ${kids.length} kindergarten children can look after themselves.`,
          },
      facts,
    );
  },
};
