/** Calls of the console's satisfaction views: a class's results and the organisations' indices (#16). */
import type { z } from 'zod';
import type { ClassResultDto, indicesResponse } from '../../../server/modules/satisfaction/satisfaction.schema';
import { api } from '../../app/api/client';

export type ClassResult = ClassResultDto;
export type RoundResult = ClassResultDto['rounds'][number];
export type Indices = z.infer<typeof indicesResponse>;
export type IndexRow = Indices['rows'][number];

export const satisfactionKey = (classId: number) => ['classes', classId, 'satisfaction'] as const;
export const fetchClassSatisfaction = (classId: number) => api.get<ClassResult>(`/api/classes/${classId}/satisfaction`);
export const setMidPoint = (classId: number, midPoint: boolean) =>
  api.put<{ midPoint: boolean }>(`/api/classes/${classId}/satisfaction/settings`, { midPoint });

export const indicesKey = (q: { campaignId: number; orgId?: number }) => ['satisfaction', 'indices', q] as const;
export const fetchIndices = (q: { campaignId: number; orgId?: number }) =>
  api.get<Indices>('/api/satisfaction/indices', { campaignId: q.campaignId, ...(q.orgId ? { orgId: q.orgId } : {}) });
