// Funding vocabularies with their labels (P-R8): where money comes from and what it pays for. The codes
// themselves are the campaign's (src/domain/campaign/schema.ts), which also says, per source, whether it is a
// union source and what it may not pay for; this file only names them for people.
import { FUNDING_PURPOSES, FUNDING_SOURCES, type FundingPurpose, type FundingSource } from '../campaign/schema.js';

export { FUNDING_PURPOSES, FUNDING_SOURCES, type FundingPurpose, type FundingSource };

export const LEDGER_KINDS = ['income', 'expense'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

export interface Label {
  zh: string;
  en: string;
}

/** 资金来源 (P-R8: 单位行政、基层工会、省/市/县级工会补贴、家长适当分担). */
export const SOURCE_LABELS: Record<FundingSource, Label> = {
  unit: { zh: '单位行政', en: 'Unit administration' },
  grassrootsUnion: { zh: '基层工会', en: 'Grassroots union' },
  countyUnion: { zh: '县级工会补贴', en: 'County union subsidy' },
  cityUnion: { zh: '市级工会补贴', en: 'City union subsidy' },
  provinceUnion: { zh: '省级工会补贴', en: 'Provincial union subsidy' },
  parents: { zh: '家长分担', en: 'Parents’ share' },
  other: { zh: '其他来源', en: 'Other' },
};

/** 资金用途. */
export const PURPOSE_LABELS: Record<FundingPurpose, Label> = {
  staff: { zh: '人员', en: 'Staff' },
  meals: { zh: '餐费', en: 'Meals' },
  materials: { zh: '物资', en: 'Materials' },
  venue: { zh: '场地', en: 'Venue' },
  insurance: { zh: '意外伤害保险', en: 'Accident insurance' },
  other: { zh: '其他', en: 'Other' },
};

export const KIND_LABELS: Record<LedgerKind, Label> = {
  income: { zh: '收入', en: 'Income' },
  expense: { zh: '支出', en: 'Expense' },
};
