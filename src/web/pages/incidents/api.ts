/** Calls of the incident API (/api/incidents, /api/classes/:id/incidents) and their types. */
import type { z } from 'zod';
import type {
  classIncidentsResponse,
  IncidentKind,
  IncidentSeverity,
  incidentDetail,
  incidentSummary,
  reportBody,
  updateChanges,
} from '../../../server/modules/incidents/incidents.schema';
import { api } from '../../app/api/client';
import type { Page, Wire } from '../../app/api/types';

export type { IncidentKind, IncidentSeverity };
export type IncidentSummary = Wire<z.infer<typeof incidentSummary>>;
export type IncidentDetail = Wire<z.infer<typeof incidentDetail>>;
export type IncidentAddendum = IncidentDetail['addenda'][number];
export type ClassIncidents = Wire<z.infer<typeof classIncidentsResponse>>;
export type ReportInput = z.input<typeof reportBody>;
export type UpdateChanges = z.input<typeof updateChanges>;

export const INCIDENT_KINDS: IncidentKind[] = ['injury', 'illness', 'lost_child', 'fire', 'food', 'conflict', 'other'];
export const SEVERITIES: IncidentSeverity[] = ['minor', 'serious', 'critical'];
export const SEVERITY_COLORS: Record<IncidentSeverity, string> = {
  minor: 'default',
  serious: 'orange',
  critical: 'red',
};

export interface ListIncidentsParams {
  status?: 'open' | 'closed';
  severity?: IncidentSeverity;
  classId?: number;
  orgId?: number;
  page?: number;
  pageSize?: number;
}

export const incidentKey = (id: number) => ['incidents', id] as const;
export const classIncidentsKey = (classId: number) => ['incidents', 'class', classId] as const;

export const listIncidents = (p: ListIncidentsParams) => api.get<Page<IncidentSummary>>('/api/incidents', { ...p });
export const fetchIncident = (id: number) => api.get<IncidentDetail>(`/api/incidents/${id}`);
export const fetchClassIncidents = (classId: number) => api.get<ClassIncidents>(`/api/classes/${classId}/incidents`);
export const reportIncident = (classId: number, body: ReportInput) =>
  api.post<IncidentDetail>(`/api/classes/${classId}/incidents`, body);

export type AddendumBody =
  | { kind: 'note'; note: string; version: number }
  | { kind: 'update'; changes: UpdateChanges; note?: string | null; version: number }
  | {
      kind: 'guardian_notified';
      changes: { guardianNotifiedBy: string; guardianNotifiedAt: string };
      note?: string | null;
      version: number;
    };
export const addAddendum = (id: number, body: AddendumBody) =>
  api.post<IncidentDetail>(`/api/incidents/${id}/addenda`, body);
export const closeIncident = (id: number, version: number, note: string) =>
  api.post<IncidentDetail>(`/api/incidents/${id}/close`, { version, note });
export const reopenIncident = (id: number, version: number, note: string) =>
  api.post<IncidentDetail>(`/api/incidents/${id}/reopen`, { version, note });
