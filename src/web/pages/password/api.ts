import { api } from '../../app/api/client';

export interface ChangePasswordInput {
  currentPassword: string;
  newPassword: string;
}

/** POST /api/auth/change-password: the current session stays, the person's other sessions end. */
export const changePassword = (body: ChangePasswordInput) => api.post<{ ok: true }>('/api/auth/change-password', body);
