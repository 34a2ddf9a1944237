/** Calls of the care-class pages (/api/classes). */
import type { ClassAction, ClassStatus } from '../../../domain/classes/lifecycle';
import { api, withQuery } from '../../app/api/client';
import type {
  ClassDetail,
  ClassFieldsInput,
  ClassSummary,
  CreateClassInput,
  Page,
  Staff,
  StaffInput,
  StoredFile,
} from '../../app/api/types';
import type { ClassMode } from '../../app/careLabels';

export interface ListClassesParams {
  campaignId?: number;
  /** Any organisation: classes of the units in its subtree. */
  orgId?: number;
  status?: ClassStatus;
  mode?: ClassMode;
  failingRule?: string;
  q?: string;
  page?: number;
  pageSize?: number;
}

export const classKey = (id: number) => ['classes', id] as const;
export const staffKey = (id: number) => ['classes', id, 'staff'] as const;

export const listClasses = (p: ListClassesParams) => api.get<Page<ClassSummary>>('/api/classes', { ...p });
/** The same list as an .xlsx file (a plain GET: the browser downloads it with the session cookie). */
export const exportUrl = (p: ListClassesParams) =>
  withQuery('/api/classes/export', { ...p, page: undefined, pageSize: undefined });
export const fetchClass = (id: number) => api.get<ClassDetail>(`/api/classes/${id}`);
export const createClass = (body: CreateClassInput) => api.post<ClassDetail>('/api/classes', body);
export const updateClass = (id: number, body: ClassFieldsInput & { version: number }) =>
  api.patch<ClassDetail>(`/api/classes/${id}`, body);
export const transitionClass = (id: number, action: ClassAction, comment?: string) =>
  api.post<ClassDetail>(`/api/classes/${id}/transition`, { action, ...(comment ? { comment } : {}) });
export const commentOnClass = (id: number, comment: string) =>
  api.post<ClassDetail>(`/api/classes/${id}/comments`, { comment });
export const listStaff = (id: number) => api.get<{ items: Staff[] }>(`/api/classes/${id}/staff`).then((r) => r.items);
export const addStaff = (id: number, body: StaffInput) => api.post<Staff>(`/api/classes/${id}/staff`, body);
export const removeStaff = (id: number, staffId: number) =>
  api.del<{ ok: true }>(`/api/classes/${id}/staff/${staffId}`);

/** One failing rule of a refused submission (409 CLASS_RULES_FAILING `details`). */
export interface BlockingRule {
  id: string;
  message: { zh: string; en: string };
  fix: { zh: string; en: string } | null;
}

/** Written rules (安全管理制度, 应急预案, 值班表 …) of a class: the list, an upload, the template, text written from it. */
export type ClassDocuments = ClassDetail['documents'];
export type DocumentKind = ClassDocuments['items'][number]['kind'];
export const documentsKey = (id: number) => ['classes', id, 'documents'] as const;
export const fetchDocuments = (id: number) => api.get<ClassDocuments>(`/api/classes/${id}/documents`);
export const templateUrl = (id: number, kind: DocumentKind) => `/api/classes/${id}/documents/${kind}/template`;
export async function fetchTemplateText(id: number, kind: DocumentKind): Promise<string> {
  const res = await fetch(templateUrl(id, kind), { credentials: 'same-origin' });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return (await res.text()).replace(/^\uFEFF/, '');
}
export function uploadDocument(id: number, kind: DocumentKind, file: File) {
  const form = new FormData();
  form.append('kind', kind);
  form.append('file', file);
  return api.postForm<StoredFile>(`/api/classes/${id}/documents`, form);
}
export const writeDocument = (id: number, kind: DocumentKind, text: string) =>
  api.post<StoredFile>(`/api/classes/${id}/documents/${kind}`, { text });
