/** Calls of the caterers / partner institutions / providers pages (/api/counterparties). */
import { api } from '../../app/api/client';
import type {
  Counterparty,
  CounterpartyKind,
  CreateCounterpartyInput,
  Page,
  StoredFile,
  UpdateCounterpartyInput,
} from '../../app/api/types';

/** Evidence each kind keeps (the server's PURPOSES_BY_KIND). */
export const PURPOSES_BY_KIND = {
  caterer: ['licence', 'catering_agreement', 'other'],
  partner: ['partner_agreement', 'other'],
  provider: ['qualification', 'other'],
} as const satisfies Record<CounterpartyKind, readonly string[]>;
export type CounterpartyFilePurpose = (typeof PURPOSES_BY_KIND)[CounterpartyKind][number];
export const COUNTERPARTY_KINDS: readonly CounterpartyKind[] = ['caterer', 'partner', 'provider'];
export const PARTNER_TYPES = ['school', 'institution', 'other'] as const;
export const REVIEW_RESULTS = ['pending', 'passed', 'failed'] as const;
export type ReviewResult = (typeof REVIEW_RESULTS)[number];

export interface ListCounterpartiesParams {
  kind?: CounterpartyKind;
  orgId?: number;
  q?: string;
  includeInactive?: boolean;
  page?: number;
  pageSize?: number;
}

export const counterpartyKey = (id: number) => ['counterparties', id] as const;
export const counterpartyFilesKey = (id: number) => ['counterparties', id, 'files'] as const;

export const listCounterparties = (p: ListCounterpartiesParams) =>
  api.get<Page<Counterparty>>('/api/counterparties', { ...p, includeInactive: p.includeInactive ? 'true' : undefined });
export const fetchCounterparty = (id: number) => api.get<Counterparty>(`/api/counterparties/${id}`);
export const createCounterparty = (body: CreateCounterpartyInput) =>
  api.post<Counterparty>('/api/counterparties', body);
export const updateCounterparty = (id: number, body: UpdateCounterpartyInput) =>
  api.patch<Counterparty>(`/api/counterparties/${id}`, body);
export const deactivateCounterparty = (id: number, reason: string) =>
  api.post<Counterparty>(`/api/counterparties/${id}/deactivate`, { reason });
export const reactivateCounterparty = (id: number, reason: string) =>
  api.post<Counterparty>(`/api/counterparties/${id}/reactivate`, { reason });
export const reviewProvider = (id: number, body: { result: ReviewResult; note?: string | null; version: number }) =>
  api.post<Counterparty>(`/api/counterparties/${id}/review`, body);
export const listCounterpartyFiles = (id: number) =>
  api.get<{ items: StoredFile[] }>(`/api/counterparties/${id}/files`).then((r) => r.items);
export function uploadCounterpartyFile(id: number, file: File, purpose: CounterpartyFilePurpose) {
  const form = new FormData();
  form.append('purpose', purpose);
  form.append('file', file);
  return api.postForm<StoredFile>(`/api/counterparties/${id}/files`, form);
}
