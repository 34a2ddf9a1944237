// A class's ledger read as figures: totals by source and by purpose, income, expense and balance, all net of
// reversals (冲销) and all in integer 分; the lines the engine's funding rule judges; and the refusal at entry of
// money a source may not pay for (P-R7: union money never buys the children's accident insurance).
import type { Campaign } from '../campaign/schema.js';
import { unionFundsRule } from '../rules/responsibility.js';
import type { FundingLine, Localized } from '../rules/types.js';
import {
  FUNDING_PURPOSES,
  FUNDING_SOURCES,
  type FundingPurpose,
  type FundingSource,
  type LedgerKind,
  PURPOSE_LABELS,
  SOURCE_LABELS,
} from './labels.js';

export interface LedgerEntryFacts {
  id: number;
  kind: LedgerKind;
  source: FundingSource;
  purpose: FundingPurpose;
  amountFen: number;
  /** Set on a reversal: the entry it cancels. */
  reversesEntryId: number | null;
}

export interface Totals {
  incomeFen: number;
  expenseFen: number;
  balanceFen: number;
  /** Per source: income and expense. */
  bySource: Record<FundingSource, { incomeFen: number; expenseFen: number }>;
  /** Per purpose: income and expense. */
  byPurpose: Record<FundingPurpose, { incomeFen: number; expenseFen: number }>;
}

const zeroes = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, { incomeFen: 0, expenseFen: 0 }])) as Record<
    K,
    { incomeFen: number; expenseFen: number }
  >;

/** The entries that count: neither a reversal nor reversed. */
export function liveEntries<E extends LedgerEntryFacts>(entries: readonly E[]): E[] {
  const reversed = new Set(entries.map((e) => e.reversesEntryId).filter((x): x is number => x !== null));
  return entries.filter((e) => e.reversesEntryId === null && !reversed.has(e.id));
}

/** Totals net of reversals: each reversal takes its amount back out of the line it reverses. */
export function ledgerTotals(entries: readonly LedgerEntryFacts[]): Totals {
  const t: Totals = {
    incomeFen: 0,
    expenseFen: 0,
    balanceFen: 0,
    bySource: zeroes(FUNDING_SOURCES),
    byPurpose: zeroes(FUNDING_PURPOSES),
  };
  for (const e of entries) {
    const signed = e.reversesEntryId === null ? e.amountFen : -e.amountFen;
    const field = e.kind === 'income' ? 'incomeFen' : 'expenseFen';
    t[field] += signed;
    const s = t.bySource[e.source];
    if (s) s[field] += signed;
    const p = t.byPurpose[e.purpose];
    if (p) p[field] += signed;
  }
  t.balanceFen = t.incomeFen - t.expenseFen;
  return t;
}

/**
 * What the engine's `funding.noUnionFundsForInsurance` judges: nothing (pending) while the class has no ledger at
 * all; otherwise the expenses that still stand (reversed ones and reversals left out), amounts in yuan for the
 * rule's message only.
 */
export function fundingLinesForRule(entries: readonly LedgerEntryFacts[]): FundingLine[] | undefined {
  if (entries.length === 0) return undefined;
  return liveEntries(entries)
    .filter((e) => e.kind === 'expense')
    .map((e) => ({ source: e.source, purpose: e.purpose, amount: e.amountFen / 100 }));
}

/** Sources the campaign marks as union money (基层/县/市/省级工会). */
export function unionSources(c: Campaign): FundingSource[] {
  return FUNDING_SOURCES.filter((s) => c.funding.sources[s].union);
}

export interface EntryRefusal {
  /** A union source paying for insurance (P-R7), as opposed to another restriction the campaign sets. */
  unionInsurance: boolean;
  text: Localized;
  /** The engine rule's own statement (funding.noUnionFundsForInsurance), as the campaign sets it. */
  rule: Localized;
}

/** Why an expense may not be booked (null: it may). Income is never refused: money may come from anywhere. */
export function refuseEntry(
  c: Campaign,
  e: { kind: LedgerKind; source: FundingSource; purpose: FundingPurpose },
): EntryRefusal | null {
  if (e.kind !== 'expense') return null;
  const rule = c.funding.sources[e.source];
  if (!rule.mayNotPayFor.includes(e.purpose)) return null;
  const unionInsurance = rule.union && e.purpose === 'insurance';
  const src = SOURCE_LABELS[e.source];
  const pur = PURPOSE_LABELS[e.purpose];
  return {
    unionInsurance,
    rule: unionFundsRule.describe(c),
    text: unionInsurance
      ? {
          zh: `工会资金（${src.zh}）不得用于购买托管对象人身意外伤害保险；保险由监护人自行购买（P-R7）。`,
          en: `Union money (${src.en}) may not pay for the children’s accident insurance; guardians buy it themselves (P-R7).`,
        }
      : {
          zh: `本项目规定${src.zh}资金不得用于${pur.zh}。`,
          en: `This campaign does not let ${src.en} money pay for ${pur.en.toLowerCase()}.`,
        },
  };
}
