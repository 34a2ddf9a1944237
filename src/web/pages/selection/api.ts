/** Calls of the demonstration-class selection (/api/selection…, /api/campaigns/:id/selection/…). */
import { api } from '../../app/api/client';

export interface MyAssignment {
  applicationId: number;
  campaignId: number;
  /** Class name, or null in blind mode. */
  className: string | null;
  unitName: string | null;
  panelName: string;
  status: 'to_score' | 'scored' | 'recused';
  lastScoredAt: string | null;
}

export const myAssignmentsKey = ['selection', 'assignments', 'mine'] as const;
export const listMyAssignments = () => api.get<{ items: MyAssignment[] }>('/api/selection/assignments/mine');
