/** Calls of the organisation page (/api/orgs). */
import type { OrgKind } from '../../../domain/org/orgKinds';
import { api } from '../../app/api/client';
import type { CreateOrgInput, ImportResult, Org, OrgList, UpdateOrgInput } from '../../app/api/types';

export interface ListOrgsParams {
  parentId?: number;
  /** Search the whole visible subtree under this node. */
  under?: number;
  q?: string;
  kind?: OrgKind;
  includeInactive?: boolean;
  page?: number;
  pageSize?: number;
}

export const fetchOrg = (id: number) => api.get<Org>(`/api/orgs/${id}`);
export const listOrgs = (p: ListOrgsParams) =>
  api.get<OrgList>('/api/orgs', { ...p, includeInactive: p.includeInactive ? 'true' : undefined });
export const createOrg = (body: CreateOrgInput) => api.post<Org>('/api/orgs', body);
export const updateOrg = (id: number, body: UpdateOrgInput) => api.patch<Org>(`/api/orgs/${id}`, body);
export const moveOrg = (id: number, newParentId: number) => api.post<Org>(`/api/orgs/${id}/move`, { newParentId });
export const deactivateOrg = (id: number, reason: string) => api.post<Org>(`/api/orgs/${id}/deactivate`, { reason });
export const reactivateOrg = (id: number, reason: string) => api.post<Org>(`/api/orgs/${id}/reactivate`, { reason });
export const importUnits = (parentId: number, file: File) =>
  api.upload<ImportResult>(`/api/orgs/${parentId}/import`, file);
export const IMPORT_TEMPLATE_URL = '/api/orgs/import-template';
