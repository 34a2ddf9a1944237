/** Calls of the venue library (/api/venues) and its evidence files. */
import { api } from '../../app/api/client';
import type { CreateVenueInput, Page, StoredFile, UpdateVenueInput, Venue } from '../../app/api/types';

/** Evidence kinds a venue keeps (the server's VENUE_FILE_PURPOSES). */
export const VENUE_FILE_PURPOSES = ['fire_certificate', 'lease', 'photo', 'other'] as const;
export type VenueFilePurpose = (typeof VENUE_FILE_PURPOSES)[number];

export interface ListVenuesParams {
  orgId?: number;
  q?: string;
  includeInactive?: boolean;
  page?: number;
  pageSize?: number;
}

export const venueKey = (id: number) => ['venues', id] as const;
export const venueFilesKey = (id: number) => ['venues', id, 'files'] as const;

export const listVenues = (p: ListVenuesParams) =>
  api.get<Page<Venue>>('/api/venues', { ...p, includeInactive: p.includeInactive ? 'true' : undefined });
export const fetchVenue = (id: number) => api.get<Venue>(`/api/venues/${id}`);
export const createVenue = (body: CreateVenueInput) => api.post<Venue>('/api/venues', body);
export const updateVenue = (id: number, body: UpdateVenueInput) => api.patch<Venue>(`/api/venues/${id}`, body);
export const deactivateVenue = (id: number, reason: string) =>
  api.post<Venue>(`/api/venues/${id}/deactivate`, { reason });
export const reactivateVenue = (id: number, reason: string) =>
  api.post<Venue>(`/api/venues/${id}/reactivate`, { reason });
/** 区县确认: the version seen, so a checklist changed meanwhile is not confirmed blind. */
export const confirmChecklist = (id: number, version: number) =>
  api.post<Venue>(`/api/venues/${id}/confirm-checklist`, { version });
export const listVenueFiles = (id: number) =>
  api.get<{ items: StoredFile[] }>(`/api/venues/${id}/files`).then((r) => r.items);
export function uploadVenueFile(id: number, file: File, purpose: VenueFilePurpose) {
  const form = new FormData();
  form.append('purpose', purpose);
  form.append('file', file);
  return api.postForm<StoredFile>(`/api/venues/${id}/files`, form);
}
