/** Calls of the supervision API (/api/supervision/*) and their types, from the server's zod schemas. */
import type { z } from 'zod';
import type {
  caseResponse,
  classItemsResponse,
  createCaseBody,
  createMeetingBody,
  itemResponse,
  meetingResponse,
  planVisitBody,
  visitResponse,
} from '../../../server/modules/supervision/supervision.schema';
import { api } from '../../app/api/client';
import type { Page, Wire } from '../../app/api/types';

export type Visit = Wire<z.infer<typeof visitResponse>>;
export type Item = Wire<z.infer<typeof itemResponse>>;
export type Meeting = Wire<z.infer<typeof meetingResponse>>;
export type PracticeCase = Wire<z.infer<typeof caseResponse>>;
export type ClassItems = Wire<z.infer<typeof classItemsResponse>>;
export type PlanVisitInput = z.input<typeof planVisitBody>;

/**
 * Classes to pick from (running, or open and running), read straight from /api/classes so that this page folder
 * does not import the classes pages (which show this folder's panel).
 */
export const listClassesIn = (status: 'running' | 'open', campaignId?: number) =>
  api
    .get<Page<{ id: number; name: string }>>('/api/classes', { status, pageSize: 500, campaignId })
    .then((r) => r.items);

export const SEVERITY_COLORS = { low: 'default', medium: 'orange', high: 'red' } as const;

export const listVisits = (p: { status?: string; mine?: 'true'; page?: number; pageSize?: number }) =>
  api.get<Page<Visit>>('/api/supervision/visits', { ...p });
export const planVisit = (body: PlanVisitInput) => api.post<Visit>('/api/supervision/visits', body);
export const cancelVisit = (id: number, reason: string) =>
  api.post<Visit>(`/api/supervision/visits/${id}/cancel`, { reason });
export const listInspectors = (classId: number) =>
  api.get<{ items: { id: number; name: string }[] }>('/api/supervision/inspectors', { classId }).then((r) => r.items);

export const listItems = (p: { status?: string; overdue?: 'true'; classId?: number; pageSize?: number }) =>
  api.get<Page<Item>>('/api/supervision/items', { ...p });
export const fetchItem = (id: number) => api.get<Item>(`/api/supervision/items/${id}`);
export const respondItem = (id: number, text: string, fileIds: number[]) =>
  api.post<Item>(`/api/supervision/items/${id}/respond`, { text, fileIds });
export const decideItem = (id: number, decision: 'close' | 'send_back', comment: string, deadline?: string) =>
  api.post<Item>(`/api/supervision/items/${id}/decide`, { decision, comment, ...(deadline ? { deadline } : {}) });
export const uploadItemFile = (id: number, file: File) =>
  api.upload<{ id: number; filename: string; url: string }>(`/api/supervision/items/${id}/files`, file);
export const fetchClassItems = (classId: number) => api.get<ClassItems>(`/api/classes/${classId}/rectification`);

export const listMeetings = () => api.get<{ items: Meeting[] }>('/api/supervision/meetings').then((r) => r.items);
export const createMeeting = (body: z.input<typeof createMeetingBody>) =>
  api.post<Meeting>('/api/supervision/meetings', body);
export const recordMeeting = (id: number, body: { minutes?: string; attendedOrgIds?: number[]; version: number }) =>
  api.post<Meeting>(`/api/supervision/meetings/${id}/record`, body);

export const listCases = () => api.get<{ items: PracticeCase[] }>('/api/supervision/cases').then((r) => r.items);
export const createCase = (body: z.input<typeof createCaseBody>) =>
  api.post<PracticeCase>('/api/supervision/cases', body);
export const publishCase = (id: number, published: boolean) =>
  api.post<PracticeCase>(`/api/supervision/cases/${id}/publish`, { published });
export function uploadCasePhoto(id: number, file: File, showsChildren: boolean, consent: boolean) {
  const form = new FormData();
  form.append('showsChildren', String(showsChildren));
  if (consent) form.append('publicityConsent', 'true');
  form.append('file', file);
  return api.postForm<{ id: number }>(`/api/supervision/cases/${id}/photos`, form);
}
