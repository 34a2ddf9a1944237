/** Calls of the campaign pages (/api/campaigns). */
import { api } from '../../app/api/client';
import type { CampaignDetail, CampaignParams, CampaignSummary, CreateCampaignInput } from '../../app/api/types';

export type CampaignStatus = CampaignSummary['status'];

export const campaignsKey = ['campaigns'] as const;

/** The campaign's agreement template (the server's agreementTemplateResponse). */
export interface AgreementTemplateVersion {
  version: number;
  title: string;
  sha256: string;
  note: string | null;
  publishedAt: string;
  publishedBy: number | null;
}
export interface AgreementTemplate {
  campaignId: number;
  current: (AgreementTemplateVersion & { body: string }) | null;
  versions: AgreementTemplateVersion[];
  builtIn: { title: string; body: string };
  abilities: { publish: boolean };
}
export const agreementTemplateKey = (id: number) => ['campaigns', id, 'agreement-template'] as const;
export const fetchAgreementTemplate = (id: number) =>
  api.get<AgreementTemplate>(`/api/campaigns/${id}/agreement-template`);
export const publishAgreementTemplate = (id: number, body: { title: string; body: string; note?: string }) =>
  api.post<AgreementTemplate>(`/api/campaigns/${id}/agreement-template`, body);
export const campaignKey = (id: number) => ['campaigns', id] as const;

export const listCampaigns = () => api.get<{ items: CampaignSummary[] }>('/api/campaigns').then((r) => r.items);
export const fetchCampaign = (id: number) => api.get<CampaignDetail>(`/api/campaigns/${id}`);
export const fetchTemplate = () =>
  api.get<{ params: CampaignParams; rules: CampaignDetail['rules'] }>('/api/campaigns/template');
export const createCampaign = (body: CreateCampaignInput) => api.post<CampaignDetail>('/api/campaigns', body);
/** `params` is a nested partial merged over the current parameters (arrays replace whole). */
export const updateCampaign = (
  id: number,
  body: { name?: string; params?: Record<string, unknown>; reason: string; version: number },
) => api.patch<CampaignDetail>(`/api/campaigns/${id}`, body);
export const setCampaignStatus = (id: number, status: CampaignStatus, reason: string) =>
  api.post<CampaignDetail>(`/api/campaigns/${id}/status`, { status, reason });
