// Union subsidies (工会补贴, P-R8): a policy per campaign and paying organisation (the city, or a district for its
// own money), each finished class's subsidy computed from its figures with the reasons, and the reconciliation of
// a disbursement list (拨付清单) with its payments. Pure, no I/O, integer 分 only.
import type { Campaign, FundingSource } from '../campaign/schema.js';
import { MAX_ENTRY_FEN } from './money.js';

/** A tier by children enrolled: from `minChildren` up to `maxChildren` (inclusive; null = no upper bound). */
export interface SubsidyTier {
  minChildren: number;
  maxChildren: number | null;
  /** 分 per child-day attended. */
  perChildDayFen: number;
}

export const SUBSIDY_CONDITIONS = ['classFinished', 'attendanceMinimum', 'noOpenSeriousIncident'] as const;
export type SubsidyCondition = (typeof SUBSIDY_CONDITIONS)[number];

export interface SubsidyRules {
  /** Union source the money is paid from (the campaign's union sources: cityUnion for the city, countyUnion …). */
  source: FundingSource;
  tiers: SubsidyTier[];
  /** 分 added for a named demonstration class (示范托管班). */
  demonstrationSupplementFen: number;
  /** Largest subsidy of one class in 分 (null: no cap). The cap applies to the total, supplement included. */
  capFen: number | null;
  /** The conditions the policy requires (each may be switched off). */
  conditions: Record<SubsidyCondition, boolean>;
}

/** What a class's subsidy is computed from: the stats read layer's figures of the class (classFacts). */
export interface SubsidyClassFacts {
  classId: number;
  status: string;
  /** Children holding a place (children.enrolled of the class). */
  children: number;
  /** Present child-days (the attendance rate's numerator) — the child-days paid for. */
  presentChildDays: number;
  scheduledChildDays: number;
  openSeriousIncidents: number;
  /** A named demonstration class (示范托管班). */
  named: boolean;
}

export interface ConditionResult {
  key: SubsidyCondition;
  met: boolean;
  /** The figure the condition read, for the explanation (e.g. the attendance rate in ‰, the open incidents). */
  value: number | null;
  required: number | null;
}

export interface SubsidyComputation {
  classId: number;
  eligible: boolean;
  conditions: ConditionResult[];
  /** Index into the policy's tiers, null when the class is below every tier. */
  tier: number | null;
  children: number;
  childDays: number;
  perChildDayFen: number;
  childDaysFen: number;
  supplementFen: number;
  /** True when the cap cut the amount. */
  capped: boolean;
  amountFen: number;
}

const FINISHED = new Set(['closed', 'archived']);

/** The tier a class of `children` falls into (the highest matching one), or null. */
export function tierOf(tiers: readonly SubsidyTier[], children: number): number | null {
  let found: number | null = null;
  tiers.forEach((t, i) => {
    if (children >= t.minChildren && (t.maxChildren === null || children <= t.maxChildren)) found = i;
  });
  return found;
}

/** Attendance rate in ‰ (integer, rounded down), null without scheduled days. */
export function attendancePermille(present: number, scheduled: number): number | null {
  return scheduled > 0 ? Math.floor((present * 1000) / scheduled) : null;
}

/** One class's subsidy with the reasons: tier, child-days, conditions met or not, supplement and cap. */
export function computeSubsidy(rules: SubsidyRules, campaign: Campaign, f: SubsidyClassFacts): SubsidyComputation {
  const minPermille = Math.round(campaign.scale.minAttendanceRate * 1000);
  const rate = attendancePermille(f.presentChildDays, f.scheduledChildDays);
  const all: ConditionResult[] = [
    { key: 'classFinished', met: FINISHED.has(f.status), value: null, required: null },
    {
      key: 'attendanceMinimum',
      // Exact: present / scheduled ≥ min, compared in integers.
      met: f.scheduledChildDays > 0 && f.presentChildDays * 1000 >= minPermille * f.scheduledChildDays,
      value: rate,
      required: minPermille,
    },
    {
      key: 'noOpenSeriousIncident',
      met: f.openSeriousIncidents === 0,
      value: f.openSeriousIncidents,
      required: 0,
    },
  ];
  const conditions = all.filter((c) => rules.conditions[c.key]);
  const tier = tierOf(rules.tiers, f.children);
  const eligible = conditions.every((c) => c.met) && tier !== null;
  const perChildDayFen = tier === null ? 0 : (rules.tiers[tier]?.perChildDayFen ?? 0);
  const childDaysFen = eligible ? perChildDayFen * f.presentChildDays : 0;
  const supplementFen = eligible && f.named ? rules.demonstrationSupplementFen : 0;
  const gross = childDaysFen + supplementFen;
  const cap = Math.min(rules.capFen ?? MAX_ENTRY_FEN, MAX_ENTRY_FEN);
  return {
    classId: f.classId,
    eligible,
    conditions,
    tier,
    children: f.children,
    childDays: f.presentChildDays,
    perChildDayFen,
    childDaysFen,
    supplementFen,
    capped: gross > cap,
    amountFen: Math.min(gross, cap),
  };
}

/** Why rules cannot be a policy (overlapping or empty tiers, a source that is not union money), or null. */
export function subsidyRulesProblem(
  rules: SubsidyRules,
  campaign: Campaign,
): { zh: string; en: string; at: string } | null {
  if (!campaign.funding.sources[rules.source]?.union)
    return {
      zh: '补贴来源须为本项目的工会资金来源',
      en: 'The source must be one of the campaign’s union sources',
      at: 'source',
    };
  if (rules.tiers.length === 0) return { zh: '至少设置一档', en: 'Set at least one tier', at: 'tiers' };
  const sorted = [...rules.tiers].sort((a, b) => a.minChildren - b.minChildren);
  for (const [i, t] of rules.tiers.entries()) {
    if (t.maxChildren !== null && t.maxChildren < t.minChildren)
      return { zh: '档次的上限不能小于下限', en: 'A tier’s upper bound is below its lower bound', at: `tiers.${i}` };
  }
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    const cur = sorted[i];
    if (prev && cur && (prev.maxChildren === null || prev.maxChildren >= cur.minChildren))
      return { zh: '各档人数区间不能重叠', en: 'Tiers must not overlap', at: 'tiers' };
  }
  return null;
}

// ---- the disbursement list and its payments ---------------------------------------------------------------

export interface ListItemFacts {
  id: number;
  classId: number;
  amountFen: number;
}

export interface PaymentFacts {
  id: number;
  itemId: number;
  amountFen: number;
  /** Set on a reversal: the payment it cancels. */
  reversesPaymentId: number | null;
}

export interface Reconciliation {
  /** The list's total: the sum of its items. */
  totalFen: number;
  /** Net of reversals. */
  paidFen: number;
  pendingFen: number;
  byItem: Map<number, { amountFen: number; paidFen: number; pendingFen: number }>;
}

/** The list against its payments: every amount net of reversals, per item and in total. */
export function reconcile(items: readonly ListItemFacts[], payments: readonly PaymentFacts[]): Reconciliation {
  const byItem = new Map(items.map((i) => [i.id, { amountFen: i.amountFen, paidFen: 0, pendingFen: i.amountFen }]));
  for (const p of payments) {
    const it = byItem.get(p.itemId);
    if (!it) continue;
    const signed = p.reversesPaymentId === null ? p.amountFen : -p.amountFen;
    it.paidFen += signed;
    it.pendingFen -= signed;
  }
  let totalFen = 0;
  let paidFen = 0;
  for (const it of byItem.values()) {
    totalFen += it.amountFen;
    paidFen += it.paidFen;
  }
  return { totalFen, paidFen, pendingFen: totalFen - paidFen, byItem };
}

/** Why a payment of `amountFen` on the item may not be recorded (more than is pending), or null. */
export function refusePayment(r: Reconciliation, itemId: number, amountFen: number): { zh: string; en: string } | null {
  const it = r.byItem.get(itemId);
  if (!it) return { zh: '清单中没有这一项', en: 'No such item on the list' };
  if (amountFen > it.pendingFen)
    return {
      zh: `本次拨付超过该班待拨付金额（待拨付 ${it.pendingFen} 分）`,
      en: `The payment exceeds what is pending for this class (${it.pendingFen} fen pending)`,
    };
  return null;
}
