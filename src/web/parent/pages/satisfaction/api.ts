/** The satisfaction survey's calls in the parents' app (signed in: the app's client). */
import type { AnswerInput, InvitationDto } from '../../../../server/modules/satisfaction/satisfaction.schema';
import { api } from '../../api/client';

export type { AnswerInput, InvitationDto };
export const listSurveys = () => api.get<{ items: InvitationDto[]; waiting: number }>('/api/parent/satisfaction');
export const getSurvey = (id: number) => api.get<InvitationDto>(`/api/parent/satisfaction/${id}`);
export const answerSurvey = (id: number, body: AnswerInput) =>
  api.post<{ ok: true; answeredAt: string }>(`/api/parent/satisfaction/${id}`, body);
