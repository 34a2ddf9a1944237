/** Calls of the 工会补贴 page (/api/subsidies). Money is integer 分 on the wire. */
import type { z } from 'zod';
import type { ListDto, OverviewDto, rulesBody } from '../../../server/modules/subsidies/subsidies.schema';
import { api } from '../../app/api/client';
import type { Wire } from '../../app/api/types';

export type Overview = Wire<OverviewDto>;
export type SubsidyList = Wire<ListDto>;
export type Rules = z.infer<typeof rulesBody>;
export type ClassLine = NonNullable<Overview['computed']>['classes'][number];

export const overviewKey = (campaignId?: number, orgId?: number) => ['subsidies', campaignId, orgId] as const;
export const listKey = (id?: number) => ['subsidies', 'list', id] as const;

export const fetchOverview = (campaignId: number, orgId: number) =>
  api.get<Overview>('/api/subsidies', { campaignId, orgId });
export const savePolicy = (campaignId: number, orgId: number, rules: Rules) =>
  api.put<Overview>('/api/subsidies/policy', { campaignId, orgId, rules });
export const approveList = (campaignId: number, orgId: number) =>
  api.post<SubsidyList>('/api/subsidies/lists', { campaignId, orgId });
export const fetchList = (id: number) => api.get<SubsidyList>(`/api/subsidies/lists/${id}`);
export const listExportUrl = (id: number) => `/api/subsidies/lists/${id}/export`;
export const recordPayment = (
  id: number,
  body: { itemId: number; amountFen: number; date: string; note?: string | null },
) => api.post<SubsidyList>(`/api/subsidies/lists/${id}/payments`, body);
export const reversePayment = (id: number, paymentId: number, reason: string) =>
  api.post<SubsidyList>(`/api/subsidies/lists/${id}/payments/${paymentId}/reverse`, { reason });
export const listCampaignOptions = () =>
  api
    .get<{ items: { id: number; name: string; status: string; year: number }[] }>('/api/campaigns')
    .then((r) => r.items);
