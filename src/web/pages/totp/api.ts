import { api } from '../../app/api/client';
import type { TotpSetup } from '../../app/api/types';

/** Starts enrolment: a new secret (not yet active) and its otpauth:// URI for the QR code. */
export const startTotpSetup = () => api.post<TotpSetup>('/api/auth/totp/setup');
export const enableTotp = (code: string) => api.post<{ ok: true }>('/api/auth/totp/enable', { code });
export const disableTotp = (code: string) => api.post<{ ok: true }>('/api/auth/totp/disable', { code });
