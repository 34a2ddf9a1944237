/** Calls of the guardian verification queue (/api/guardians). */
import { api } from '../../app/api/client';
import type { Guardian } from '../../app/api/types';

export type GuardianStatus = Guardian['status'];

export const listGuardians = (p: { status?: GuardianStatus; orgId?: number }) =>
  api.get<{ items: Guardian[] }>('/api/guardians', p).then((r) => r.items);
/** `id` is the guardian's user id. A rejection needs a reason (the parent sees it). */
export const verifyGuardian = (userId: number, decision: 'approve' | 'reject', reason?: string) =>
  api.post<{ ok: true }>(`/api/guardians/${userId}/verify`, { decision, ...(reason ? { reason } : {}) });
