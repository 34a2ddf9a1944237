/** Calls of the needs surveys (/api/needs-surveys); the shapes are the server's (surveys.schema.ts). */
import type { z } from 'zod';
import type {
  CreateSurveyInput,
  linkResponse,
  SurveyDto,
  SurveyResults,
} from '../../../server/modules/surveys/surveys.schema';
import { api } from '../../app/api/client';
import type { Wire } from '../../app/api/types';

export type Survey = Wire<SurveyDto>;
export type SurveyLink = z.infer<typeof linkResponse>;
export type Results = Wire<SurveyResults>;
export type OpenSurveyInput = Omit<CreateSurveyInput, 'questions'> & {
  questions: { label: string; kind: 'text' | 'choice' | 'number'; options?: string[]; required?: boolean }[];
};

export const surveysKey = (campaignId?: number) => ['needs-surveys', campaignId ?? 'all'] as const;
export const surveyKey = (id: number) => ['needs-surveys', 'one', id] as const;

export const listSurveys = (campaignId?: number) =>
  api.get<{ items: Survey[] }>('/api/needs-surveys', { campaignId }).then((r) => r.items);
export const openSurvey = (body: OpenSurveyInput) => api.post<Survey>('/api/needs-surveys', body);
export const closeSurvey = (id: number) => api.post<Survey>(`/api/needs-surveys/${id}/close`);
export const fetchResults = (id: number) => api.get<Results>(`/api/needs-surveys/${id}/results`);
export const listLinks = (id: number) =>
  api.get<{ items: SurveyLink[] }>(`/api/needs-surveys/${id}/links`).then((r) => r.items);
export const reissueLink = (id: number, linkId: number) =>
  api.post<{ items: SurveyLink[] }>(`/api/needs-surveys/${id}/links/${linkId}/reissue`);
export const qrUrl = (id: number, linkId: number, format: 'png' | 'svg' = 'png') =>
  `/api/needs-surveys/${id}/links/${linkId}/qr?format=${format}`;
export const exportUrl = (id: number) => `/api/needs-surveys/${id}/export`;

/** The campaigns a survey can be opened for (every campaign the caller reads). */
export const listCampaignOptions = () =>
  api.get<{ items: { id: number; name: string; status: string }[] }>('/api/campaigns').then((r) => r.items);
