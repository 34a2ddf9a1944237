/**
 * The phone form's HTTP client and the shapes it uses (types from the server's zod schemas, type-only). The session
 * cookie travels by itself; the CSRF token from sign-in or `GET /api/auth/me` goes on writes. A failure becomes
 * `ApiError`; code 'NETWORK' means offline (also a proxy answering 502–504 for a dead upstream).
 */
import type { z } from 'zod';
import type { visitResponse } from '../../server/modules/supervision/supervision.schema';
import { currentLang } from '../shared/lang';
import { translate } from './i18n';

type Wire<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;
export type Visit = Wire<z.infer<typeof visitResponse>>;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
export const isNetworkError = (e: unknown) => e instanceof ApiError && e.code === 'NETWORK';

let csrf: string | null = null;
export const setCsrf = (t: string | null) => {
  csrf = t;
};
export const hasCsrf = () => csrf !== null;

export async function request<T>(method: 'GET' | 'POST', url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { 'accept-language': currentLang() === 'en' ? 'en' : 'zh-CN' };
  const isForm = body instanceof FormData;
  if (method !== 'GET') {
    if (body !== undefined && !isForm) headers['content-type'] = 'application/json';
    if (csrf) headers['x-csrf-token'] = csrf;
  }
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, 'NETWORK', translate('error.network'));
  }
  if (res.status === 502 || res.status === 503 || res.status === 504)
    throw new ApiError(0, 'NETWORK', translate('error.network'));
  const data = (await res.json().catch(() => undefined)) as { code?: string; message?: string } | undefined;
  if (!res.ok)
    throw new ApiError(
      res.status,
      data?.code ?? 'HTTP_ERROR',
      data?.message ?? translate('error.http', { status: res.status }),
    );
  return data as T;
}

export interface Me {
  user: { id: number; displayName: string };
  csrfToken: string;
}

export const getMe = () => request<Me>('GET', '/api/auth/me');
export const signIn = (username: string, password: string) =>
  request<Me>('POST', '/api/auth/login', { username, password });
export const myVisits = () =>
  request<{ items: Visit[] }>('GET', '/api/supervision/visits?mine=true&status=planned&pageSize=100').then(
    (r) => r.items,
  );
export const doorCount = (id: number, day: string, time: string) =>
  request<{ present: number }>(
    'GET',
    `/api/supervision/visits/${id}/headcount?day=${day}&time=${encodeURIComponent(time)}`,
  );
export function uploadPhoto(visitId: number, blob: Blob, name: string) {
  const form = new FormData();
  form.append('file', blob, name);
  return request<{ id: number }>('POST', `/api/supervision/visits/${visitId}/files`, form);
}
export const submitVisit = (id: number, body: unknown) =>
  request<Visit>('POST', `/api/supervision/visits/${id}/submit`, body);
