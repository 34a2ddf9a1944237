import { request } from '../../app/api/client';
import type { Me } from '../../app/api/types';

export interface LoginInput {
  username: string;
  password: string;
  totp?: string;
}

/** POST /api/auth/login: sets the session cookie and answers `me` (with the CSRF token). */
export const login = (body: LoginInput) => request<Me>('POST', '/api/auth/login', { body, quiet401: true });
