/**
 * Calls of the reports console (/api/reports, /api/report-requests). Request and response types are the server's
 * (modules/reports/reports.schema.ts), in their JSON form.
 */
import type { z } from 'zod';
import type {
  breakdownResponse,
  figureDefinitionResponse,
  reportDetailResponse,
  reportRequestResponse,
  reportSlotResponse,
  reportVersionResponse,
  timelinessResponse,
} from '../../../server/modules/reports/reports.schema';
import type {
  CreateRequestInput,
  ReportType,
  SaveDraftInput,
  SlotStatus,
  StartReportInput,
  TimelinessState,
} from '../../../server/modules/reports/reports.schema';
import { api, withQuery } from '../../app/api/client';
import type { StoredFile, Wire } from '../../app/api/types';

export type { ReportType, SlotStatus, TimelinessState };
export type ReportSlot = Wire<z.infer<typeof reportSlotResponse>>;
export type ReportDetail = Wire<z.infer<typeof reportDetailResponse>>;
export type ReportVersion = Wire<z.infer<typeof reportVersionResponse>>;
export type Breakdown = Wire<z.infer<typeof breakdownResponse>>;
export type Figure = ReportDetail['liveFigures'][number];
export type FigureDefinition = z.infer<typeof figureDefinitionResponse>;
export type Timeliness = Wire<z.infer<typeof timelinessResponse>>;
export type TimelinessRow = Timeliness['rows'][number];
export type TimelinessColumn = Timeliness['columns'][number];
export type ReportRequest = Wire<z.infer<typeof reportRequestResponse>>;

export const reportsKey = ['reports'] as const;
export const slotsKey = (campaignId: number, orgId?: number) => ['reports', 'slots', campaignId, orgId ?? 0] as const;
export const timelinessKey = (campaignId: number, orgId?: number) =>
  ['reports', 'timeliness', campaignId, orgId ?? 0] as const;
export const reportKey = (id: number) => ['reports', id] as const;

export const listSlots = (campaignId: number, orgId?: number) =>
  api.get<{ items: ReportSlot[] }>('/api/reports', { campaignId, orgId }).then((r) => r.items);
export const fetchTimeliness = (campaignId: number, orgId?: number) =>
  api.get<Timeliness>('/api/reports/timeliness', { campaignId, orgId });
export const fetchReport = (id: number) => api.get<ReportDetail>(`/api/reports/${id}`);
export const startReport = (body: StartReportInput) => api.post<ReportDetail>('/api/reports', body);
export const saveDraft = (id: number, body: SaveDraftInput) => api.put<ReportDetail>(`/api/reports/${id}/draft`, body);
export const submitReport = (id: number, version: number) =>
  api.post<ReportDetail>(`/api/reports/${id}/submit`, { version });
export const acceptReport = (id: number, version: number) =>
  api.post<ReportDetail>(`/api/reports/${id}/accept`, { version });
export const returnReport = (id: number, version: number, comment: string) =>
  api.post<ReportDetail>(`/api/reports/${id}/return`, { version, comment });
export const uploadReportFile = (id: number, file: File) => api.upload<StoredFile>(`/api/reports/${id}/files`, file);
export const fetchFigureCatalogue = () =>
  api.get<{ items: FigureDefinition[] }>('/api/reports/figures').then((r) => r.items);
export const createRequest = (body: CreateRequestInput) => api.post<ReportRequest>('/api/report-requests', body);

/** Links the browser downloads itself (same session cookie; the server names the file). */
export const docxUrl = (id: number) => `/api/reports/${id}/docx`;
export const periodSheetUrl = (p: { campaignId: number; type: ReportType; period: string; orgId?: number }) =>
  withQuery('/api/reports/period-sheet.xlsx', p);
