/** Calls of the volunteers API (/api/volunteers). */
import type { z } from 'zod';
import type {
  acceptResponse,
  applicationResponse,
  callListResponse,
  callResponse,
  classHoursResponse,
  CreateCallInput,
  myClassesResponse,
  myHoursResponse,
  postableClassesResponse,
  UpdateCallInput,
} from '../../../server/modules/volunteers/volunteers.schema';
import { api } from '../../app/api/client';
import type { Wire } from '../../app/api/types';

export type Call = Wire<z.infer<typeof callResponse>>;
export type CallList = Wire<z.infer<typeof callListResponse>>;
export type Application = Wire<z.infer<typeof applicationResponse>>;
export type AcceptResult = Wire<z.infer<typeof acceptResponse>>;
export type MyClasses = Wire<z.infer<typeof myClassesResponse>>;
export type MyHours = Wire<z.infer<typeof myHoursResponse>>;
export type ClassHours = Wire<z.infer<typeof classHoursResponse>>;
export type PostableClasses = Wire<z.infer<typeof postableClassesResponse>>;

export const volunteerKeys = {
  calls: ['volunteers', 'calls'] as const,
  applications: (id: number) => ['volunteers', 'calls', id, 'applications'] as const,
  postable: ['volunteers', 'classes'] as const,
  myClasses: ['volunteers', 'me', 'classes'] as const,
  myHours: ['volunteers', 'me', 'hours'] as const,
  classHours: (classId: number) => ['volunteers', 'hours', classId] as const,
};

export const listCalls = () => api.get<CallList>('/api/volunteers/calls');
export const postableClasses = () => api.get<PostableClasses>('/api/volunteers/classes').then((r) => r.items);
export const createCall = (body: CreateCallInput) => api.post<Call>('/api/volunteers/calls', body);
export const updateCall = (id: number, body: UpdateCallInput) => api.patch<Call>(`/api/volunteers/calls/${id}`, body);
export const listApplications = (callId: number) =>
  api.get<{ items: Application[] }>(`/api/volunteers/calls/${callId}/applications`).then((r) => r.items);
export const revealPhone = (id: number) =>
  api.post<{ phone: string }>(`/api/volunteers/applications/${id}/reveal-phone`).then((r) => r.phone);
export const acceptApplication = (
  id: number,
  body: { version: number; healthCertDate: string | null; backgroundCheckDate: string | null; note?: string | null },
) => api.post<AcceptResult>(`/api/volunteers/applications/${id}/accept`, body);
export const declineApplication = (id: number, body: { version: number; note: string }) =>
  api.post<Application>(`/api/volunteers/applications/${id}/decline`, body);
export const myClasses = () => api.get<MyClasses>('/api/volunteers/me/classes').then((r) => r.items);
export const checkSelf = (classId: number, kind: 'in' | 'out') =>
  api.post<MyClasses>('/api/volunteers/me/check', { classId, kind }).then((r) => r.items);
export const myHours = () => api.get<MyHours>('/api/volunteers/me/hours');
export const classHours = (classId: number) =>
  api.get<ClassHours>('/api/volunteers/hours', { classId }).then((r) => r.items);
export const HOURS_PDF_URL = '/api/volunteers/me/hours.pdf';
