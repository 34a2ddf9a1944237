/** Calls of 公示 and naming (/api/naming/…); the shapes are the server's (naming.schema.ts). */
import type { NamingDto, NoticeDto, NoticeSummaryDto } from '../../../server/modules/naming/naming.schema';
import { api } from '../../app/api/client';
import type { Wire } from '../../app/api/types';

export type Notice = Wire<NoticeDto>;
export type NoticeSummary = Wire<NoticeSummaryDto>;
export type Naming = Wire<NamingDto>;
export type Abilities = Notice['abilities'];

export interface RankingItem {
  applicationId: number;
  classId: number;
  className: string;
  unitName: string;
  districtName: string;
  score: number | null;
  rank: number;
  recommended: boolean;
  flagged: boolean;
}

export const noticesKey = (campaignId?: number) => ['naming', 'notices', campaignId ?? 'all'] as const;
export const noticeKey = (id: number) => ['naming', 'notice', id] as const;
export const namingsKey = (campaignId?: number) => ['naming', 'namings', campaignId ?? 'all'] as const;

export const listNotices = (campaignId?: number) =>
  api.get<{ items: NoticeSummary[]; abilities: Abilities }>('/api/naming/notices', { campaignId });
export const getNotice = (id: number) => api.get<Notice>(`/api/naming/notices/${id}`);
export const publishNotice = (body: {
  campaignId: number;
  title: string;
  startsOn: string;
  workdays: number;
  body: string;
  entries: { classId: number; rank: number; score?: number | null }[];
}) => api.post<Notice>('/api/naming/notices', body);
export const respond = (objectionId: number, body: { outcome: string; content: string }) =>
  api.post<Notice>(`/api/naming/objections/${objectionId}/responses`, body);
export const revealPhone = (objectionId: number) =>
  api.post<{ phone: string }>(`/api/naming/objections/${objectionId}/reveal-phone`);
export const nameClasses = (body: { noticeId: number; decisionNo: string; decisionDate: string }) =>
  api.post<Notice>('/api/naming/namings', body);
export const listNamings = (campaignId?: number) =>
  api.get<{ items: Naming[] }>('/api/naming/namings', { campaignId }).then((r) => r.items);
export const revoke = (id: number, body: { reason: string; revokedOn: string; decisionNo?: string }) =>
  api.post<{ items: Naming[] }>(`/api/naming/namings/${id}/revoke`, body);
export const certificateUrl = (id: number) => `/api/naming/namings/${id}/certificate.pdf`;

/** The selection's ranking (issue 17, the review module); empty when it is not there or not readable. */
export const fetchRanking = (campaignId: number) =>
  api
    .get<{ items: RankingItem[] }>(`/api/campaigns/${campaignId}/selection/ranking`)
    .then((r) => r.items)
    .catch(() => [] as RankingItem[]);

export const listCampaignOptions = () =>
  api
    .get<{ items: { id: number; name: string; status: string; year: number }[] }>('/api/campaigns')
    .then((r) => r.items);
