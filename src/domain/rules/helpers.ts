// Small shared pieces of the rules: building results, formatting numbers for messages, and the
// roster view every child-based rule shares (who counts as enrolled on the reference day).

import { type IsoDate, isIsoDate, maxDate, minDate } from '../calendar/dates.js';
import type { RequirementLevel } from '../campaign/schema.js';
import type { ChildSnapshot, ClassSnapshot, Localized, Rule, RuleResult, RuleStatus } from './types.js';

export function result(
  rule: Pick<Rule, 'id' | 'policyRefs'>,
  status: RuleStatus,
  message: Localized,
  facts: Record<string, unknown> = {},
  fix?: Localized,
): RuleResult {
  const r: RuleResult = { id: rule.id, policyRefs: rule.policyRefs, status, message, facts };
  if (fix && status !== 'pass') r.fix = fix;
  return r;
}

/**
 * A rate as a percentage with one decimal, truncated rather than rounded so that a rate below a
 * threshold never prints as the threshold (74.96 % shows "74.9%", not "75.0%").
 */
export function pct(rate: number): string {
  return `${(Math.floor(rate * 1000 + 1e-9) / 10).toFixed(1)}%`;
}

/** Status for an unmet checklist item at a given requirement level (`off` never reaches here). */
export function unmetStatus(level: RequirementLevel): RuleStatus {
  return level === 'required' ? 'fail' : 'warn';
}

export function childLabel(child: ChildSnapshot, index: number): string {
  return child.id !== undefined && child.id !== '' ? child.id : `#${index + 1}`;
}

/**
 * The day child-based rules look at: asOf, clamped into the class's dates when they are known.
 * Before the class starts that is the start day (the planned roster); after it ends, the last day.
 */
export function referenceDay(s: ClassSnapshot, asOf: IsoDate): IsoDate {
  let day = asOf;
  if (isIsoDate(s.startDate)) day = maxDate(day, s.startDate);
  if (isIsoDate(s.endDate) && (!isIsoDate(s.startDate) || s.endDate >= s.startDate)) day = minDate(day, s.endDate);
  return day;
}

export interface RosterEntry {
  child: ChildSnapshot;
  label: string;
}

/**
 * Children enrolled on the reference day: on the roster, already joined (enrolledOn ≤ day) and not
 * withdrawn (withdrawnOn > day). `undefined` when the roster itself is missing.
 */
export function enrolledChildren(s: ClassSnapshot, asOf: IsoDate): RosterEntry[] | undefined {
  if (!Array.isArray(s.children)) return undefined;
  const day = referenceDay(s, asOf);
  const out: RosterEntry[] = [];
  s.children.forEach((child, i) => {
    if (typeof child !== 'object' || child === null) return;
    if (isIsoDate(child.withdrawnOn) && isIsoDate(day) && child.withdrawnOn <= day) return;
    if (isIsoDate(child.enrolledOn) && isIsoDate(day) && child.enrolledOn > day) return;
    out.push({ child, label: childLabel(child, i) });
  });
  return out;
}

/** A yes/no fact checked over the enrolled children: who fails it, whose answer is missing. */
export interface ChildTally {
  total: number;
  failing: string[];
  missing: string[];
}

export function tallyChildren(
  roster: readonly RosterEntry[],
  answer: (c: ChildSnapshot) => boolean | undefined,
): ChildTally {
  const failing: string[] = [];
  const missing: string[] = [];
  for (const { child, label } of roster) {
    const a = answer(child);
    if (a === false) failing.push(label);
    else if (a !== true) missing.push(label);
  }
  return { total: roster.length, failing, missing };
}

/**
 * Before enrolment closes (phase `planning` or `enrolling`) the roster is still forming: rules about the
 * enrolled children (how many, the kindergarten share, their paperwork, attendance) cannot fail yet.
 */
export function beforeEnrolmentCloses(s: ClassSnapshot): boolean {
  return s.phase === 'planning' || s.phase === 'enrolling';
}

/**
 * A verdict of a rule about enrolled children, with a premature `fail` turned into `unknown` (待判定)
 * while enrolment is still open: the message says why and keeps what is missing so far.
 */
export function pendingUntilEnrolmentCloses(s: ClassSnapshot, r: RuleResult): RuleResult {
  if (!beforeEnrolmentCloses(s) || r.status !== 'fail') return r;
  return {
    ...r,
    status: 'unknown',
    message: {
      zh: `报名尚未截止，开班后判定。目前：${r.message.zh}`,
      en: `Pending until enrolment closes. So far: ${r.message.en}`,
    },
    facts: { ...r.facts, classPhase: s.phase, pending: true },
  };
}

/** Lists in messages: at most a few labels, then "…". */
export function listLabels(labels: readonly string[], max = 5): string {
  const head = labels.slice(0, max).join('、');
  return labels.length > max ? `${head}…` : head;
}

/**
 * The usual verdict of an "every enrolled child has X" rule: `fail` when any child is known not to,
 * `unknown` when nobody is enrolled or an answer is missing, `pass` otherwise. Messages come from `text`.
 */
export function everyChildRule(
  rule: Pick<Rule, 'id' | 'policyRefs'>,
  roster: readonly RosterEntry[] | undefined,
  answer: (c: ChildSnapshot) => boolean | undefined,
  level: RequirementLevel,
  text: {
    what: Localized;
    fix: Localized;
  },
): RuleResult {
  if (level === 'off') {
    return result(
      rule,
      'pass',
      { zh: `本项目未要求：${text.what.zh}。`, en: `Not required by this campaign: ${text.what.en}.` },
      { level },
    );
  }
  if (roster === undefined) {
    return result(
      rule,
      'unknown',
      { zh: '尚无托管对象名单。', en: 'No roster of children yet.' },
      { level },
      {
        zh: '录入托管对象名单。',
        en: 'Enter the roster of children.',
      },
    );
  }
  if (roster.length === 0) {
    return result(rule, 'unknown', { zh: '尚无在托儿童。', en: 'No children enrolled yet.' }, { level, enrolled: 0 });
  }
  const t = tallyChildren(roster, answer);
  const facts = { level, enrolled: t.total, failing: t.failing, missing: t.missing };
  if (t.failing.length > 0) {
    return result(
      rule,
      unmetStatus(level),
      {
        zh: `${t.failing.length} 名儿童未满足：${text.what.zh}（${listLabels(t.failing)}）。`,
        en: `${t.failing.length} of ${t.total} children lack: ${text.what.en} (${listLabels(t.failing)}).`,
      },
      facts,
      text.fix,
    );
  }
  if (t.missing.length > 0) {
    return result(
      rule,
      'unknown',
      {
        zh: `${t.missing.length} 名儿童未登记：${text.what.zh}（${listLabels(t.missing)}）。`,
        en: `Not recorded for ${t.missing.length} of ${t.total} children: ${text.what.en} (${listLabels(t.missing)}).`,
      },
      facts,
      { zh: '补充登记上述儿童的情况。', en: 'Record it for those children.' },
    );
  }
  return result(
    rule,
    'pass',
    {
      zh: `全部 ${t.total} 名在托儿童均满足：${text.what.zh}。`,
      en: `All ${t.total} enrolled children: ${text.what.en}.`,
    },
    facts,
  );
}
