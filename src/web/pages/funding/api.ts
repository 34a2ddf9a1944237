/** Calls of the class's 经费 tab (/api/classes/{id}/ledger and /budget). Money is integer 分 on the wire. */
import type { BudgetDto, BudgetInput, LedgerDto, LedgerEntryDto } from '../../../server/modules/funding/funding.schema';
import { api } from '../../app/api/client';
import type { StoredFile, Wire } from '../../app/api/types';

export type Ledger = Wire<LedgerDto>;
export type LedgerEntry = Wire<LedgerEntryDto>;
export type Budget = Wire<BudgetDto>;
export type BudgetLines = BudgetInput['lines'];

export interface NewEntry {
  kind: 'income' | 'expense';
  source: string;
  purpose: string;
  amountFen: number;
  date: string;
  counterparty?: string | null;
  note?: string | null;
  receiptFileId?: number | null;
}

export const ledgerKey = (classId: number) => ['classes', classId, 'ledger'] as const;
export const budgetKey = (classId: number) => ['classes', classId, 'budget'] as const;

export const fetchLedger = (classId: number) => api.get<Ledger>(`/api/classes/${classId}/ledger`);
export const addEntry = (classId: number, body: NewEntry) => api.post<Ledger>(`/api/classes/${classId}/ledger`, body);
export const reverseEntry = (classId: number, entryId: number, reason: string) =>
  api.post<Ledger>(`/api/classes/${classId}/ledger/${entryId}/reverse`, { reason });
export const uploadReceipt = (classId: number, file: File) =>
  api.upload<StoredFile>(`/api/classes/${classId}/ledger/receipts`, file);
export const ledgerExportUrl = (classId: number) => `/api/classes/${classId}/ledger/export`;
export const fetchBudget = (classId: number) => api.get<Budget>(`/api/classes/${classId}/budget`);
export const saveBudget = (classId: number, lines: BudgetLines) =>
  api.put<Budget>(`/api/classes/${classId}/budget`, { lines });

// ── 经费汇总: budget against actual under an organisation (/api/funding/summary) ──────────────────────────────
export type FundingSummary = Wire<import('../../../server/modules/subsidies/funding-summary').FundingSummaryDto>;
export const fetchSummary = (campaignId: number, orgId: number) =>
  api.get<FundingSummary>('/api/funding/summary', { campaignId, orgId });
export const summaryExportUrl = (campaignId: number, orgId: number) =>
  `/api/funding/summary/export?campaignId=${campaignId}&orgId=${orgId}`;
export const listCampaignOptions = () =>
  api
    .get<{ items: { id: number; name: string; status: string; year: number }[] }>('/api/campaigns')
    .then((r) => r.items);
