/**
 * The funding figures of the catalogue (经费, #16): a unit's classes' ledger income and expense, in total and by
 * source, the budget, and the union subsidies computed (approved lists) and paid. Values are yuan with two
 * decimals made from exact 分 (`fundingValues`); roll-ups add them back in 分 (rollup.ts), so a city's figure is
 * exact. Cost per child-day is not a figure of its own: funding.expense ÷ the attendance rate's numerator (present
 * child-days), both figures here. Definitions: docs/FIGURES.md, "Funding".
 */
import { FUNDING_SOURCES, type FundingSource } from '../campaign/schema.js';
import { SOURCE_LABELS } from '../funding/labels.js';
import type { FigureDefinition, FigureValue } from './figures.js';

const AS_OF = { zh: '截至统计日（含当日，北京时间）', en: 'up to and including the as-of day (China time)' };
const NET = {
  zh: '按台账日期计，冲销后的净额；按牵头单位计',
  en: 'by the entries’ dates, net of reversals; counted for the lead unit',
};

/** What the read layer adds up per unit, in 分. */
export interface FundingTally {
  incomeFen: number;
  expenseFen: number;
  bySource: Record<FundingSource, { incomeFen: number; expenseFen: number }>;
  budgetFen: number;
  subsidyComputedFen: number;
  subsidyPaidFen: number;
}

export function emptyFundingTally(): FundingTally {
  return {
    incomeFen: 0,
    expenseFen: 0,
    bySource: Object.fromEntries(
      FUNDING_SOURCES.map((s) => [s, { incomeFen: 0, expenseFen: 0 }]),
    ) as FundingTally['bySource'],
    budgetFen: 0,
    subsidyComputedFen: 0,
    subsidyPaidFen: 0,
  };
}

export function addFunding(into: FundingTally, f: FundingTally | undefined): void {
  if (!f) return;
  into.incomeFen += f.incomeFen;
  into.expenseFen += f.expenseFen;
  for (const s of FUNDING_SOURCES) {
    into.bySource[s].incomeFen += f.bySource[s].incomeFen;
    into.bySource[s].expenseFen += f.bySource[s].expenseFen;
  }
  into.budgetFen += f.budgetFen;
  into.subsidyComputedFen += f.subsidyComputedFen;
  into.subsidyPaidFen += f.subsidyPaidFen;
}

const money = (key: string, zh: string, en: string, dzh: string, den: string): FigureDefinition => ({
  key,
  label: { zh, en },
  unit: 'yuan',
  rollUp: 'sum',
  definition: { zh: dzh, en: den },
});

export const FUNDING_FIGURES: readonly FigureDefinition[] = [
  money(
    'funding.income',
    '经费收入',
    'Funding income',
    `托管班经费台账中日期${AS_OF.zh}的收入合计（元）；${NET.zh}。`,
    `Income in the classes’ ledgers dated ${AS_OF.en} (yuan); ${NET.en}.`,
  ),
  money(
    'funding.expense',
    '经费支出',
    'Funding expense',
    `托管班经费台账中日期${AS_OF.zh}的支出合计（元）；${NET.zh}。每人日成本 = 经费支出 ÷ 实际出勤人次（出勤率的分子）。`,
    `Expenses in the classes’ ledgers dated ${AS_OF.en} (yuan); ${NET.en}. Cost per child-day = this ÷ present child-days (the attendance rate’s numerator).`,
  ),
  ...FUNDING_SOURCES.flatMap((s) => [
    money(
      `funding.income.${s}`,
      `经费收入（${SOURCE_LABELS[s].zh}）`,
      `Income (${SOURCE_LABELS[s].en})`,
      `其中来源为「${SOURCE_LABELS[s].zh}」的收入。`,
      `Of the income, from "${SOURCE_LABELS[s].en}".`,
    ),
    money(
      `funding.expense.${s}`,
      `经费支出（${SOURCE_LABELS[s].zh}）`,
      `Expense (${SOURCE_LABELS[s].en})`,
      `其中由「${SOURCE_LABELS[s].zh}」支付的支出。`,
      `Of the expenses, paid from "${SOURCE_LABELS[s].en}".`,
    ),
  ]),
  money(
    'funding.budget',
    '经费预算',
    'Budget',
    `托管班在统计日结束前设定的最新一版预算合计（元）；按牵头单位计。与经费支出相比即预算执行情况。`,
    'The latest budget each class had set by the end of the as-of day (yuan), for the lead unit; against funding.expense it is budget vs actual.',
  ),
  money(
    'subsidy.computed',
    '工会补贴核定额',
    'Union subsidy approved',
    `统计日结束前核定（审批）的最新一版工会补贴拨付清单中各托管班的核定金额合计（元），市、区各自的清单都计入；按牵头单位计。`,
    'Amounts of the classes on the latest union subsidy disbursement list of each paying union approved by the end of the as-of day (yuan), the city’s and the districts’ alike; for the lead unit.',
  ),
  money(
    'subsidy.paid',
    '工会补贴已拨付',
    'Union subsidy paid',
    `这些清单上拨付日期${AS_OF.zh}的拨付金额（元），冲销后的净额。`,
    `Payments on those lists dated ${AS_OF.en} (yuan), net of reversals.`,
  ),
];

/** Exact 分 as yuan with two decimals (the figure's value); roll-ups turn it back into 分 before adding. */
export const fenToYuan = (fen: number): number => Math.round(fen) / 100;

export function fundingValues(t: FundingTally): FigureValue[] {
  return [
    { key: 'funding.income', value: fenToYuan(t.incomeFen) },
    { key: 'funding.expense', value: fenToYuan(t.expenseFen) },
    ...FUNDING_SOURCES.flatMap((s) => [
      { key: `funding.income.${s}`, value: fenToYuan(t.bySource[s].incomeFen) },
      { key: `funding.expense.${s}`, value: fenToYuan(t.bySource[s].expenseFen) },
    ]),
    { key: 'funding.budget', value: fenToYuan(t.budgetFen) },
    { key: 'subsidy.computed', value: fenToYuan(t.subsidyComputedFen) },
    { key: 'subsidy.paid', value: fenToYuan(t.subsidyPaidFen) },
  ];
}
