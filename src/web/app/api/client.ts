/**
 * The one HTTP client of the web UI. It sends the session cookie (same origin), the CSRF token on every
 * state-changing request and the UI language as Accept-Language; API failures become `ApiError` with the server's
 * stable code and its already-translated message. Session-level failures (signed out, password change or TOTP
 * enrolment required) are broadcast so the app can route to the right page whatever screen made the call.
 */
import i18n from '../i18n';

export interface ImportRowError {
  row: number;
  column: string;
  message: string;
}

/** One refused field of a 400 VALIDATION_FAILED: `body.endDate` and its message in the UI language. */
export interface FieldIssue {
  path: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly requestId: string | undefined;
  readonly details: unknown;
  /** Seconds from the Retry-After header (429). */
  readonly retryAfter: number | undefined;

  constructor(
    status: number,
    body: { code?: string; message?: string; requestId?: string; details?: unknown },
    retryAfter?: number,
  ) {
    super(body.message || `HTTP ${status}`);
    this.status = status;
    this.code = body.code ?? (status === 0 ? 'NETWORK' : 'HTTP_ERROR');
    this.requestId = body.requestId;
    this.details = body.details;
    this.retryAfter = retryAfter;
  }

  /** The fields a 400 VALIDATION_FAILED names (`details: [{ path, message }]`); empty otherwise. */
  get fieldIssues(): FieldIssue[] {
    if (this.code !== 'VALIDATION_FAILED' || !Array.isArray(this.details)) return [];
    return (this.details as unknown[]).filter(
      (d): d is FieldIssue =>
        !!d && typeof (d as FieldIssue).path === 'string' && typeof (d as FieldIssue).message === 'string',
    );
  }

  /** Row errors of a refused .xlsx import (422 IMPORT_INVALID). */
  get importErrors(): ImportRowError[] {
    return this.code === 'IMPORT_INVALID' && Array.isArray(this.details) ? (this.details as ImportRowError[]) : [];
  }
}

/** Session-level conditions the app reacts to globally. */
export type SessionEvent = 'signed-out' | 'password-change-required' | 'totp-enrollment-required';
/** `message` is the server's own words (e.g. 登录已过期，请重新登录). */
type Listener = (e: SessionEvent, message: string) => void;
const listeners = new Set<Listener>();
export function onSessionEvent(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function uiLanguage(): string {
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}

type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(url: string, query?: Query): string {
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `${url}?${s}` : url;
}

export interface RequestOptions {
  query?: Query;
  /** JSON body, or FormData for uploads. */
  body?: unknown;
  /** Do not broadcast 401s (the login call itself, the initial "who am I"). */
  quiet401?: boolean;
}

export async function request<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  opts: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { 'accept-language': uiLanguage(), accept: 'application/json' };
  let body: BodyInit | undefined;
  if (opts.body instanceof FormData) body = opts.body;
  else if (method !== 'GET') {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body ?? {});
  }
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(withQuery(url, opts.query), { method, headers, body, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, { message: i18n.t('error.network') });
  }
  const text = await res.text();
  let data: unknown;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (res.ok) return data as T;
  const b = (data && typeof data === 'object' ? data : {}) as ConstructorParameters<typeof ApiError>[1];
  if (!b.message) b.message = i18n.t('error.http', { status: res.status });
  const retry = Number(res.headers.get('retry-after'));
  const err = new ApiError(res.status, b, Number.isFinite(retry) && retry > 0 ? retry : undefined);
  if (res.status === 401 && (err.code === 'UNAUTHENTICATED' || err.code === 'SESSION_EXPIRED') && !opts.quiet401) {
    for (const l of listeners) l('signed-out', err.message);
  } else if (err.code === 'PASSWORD_CHANGE_REQUIRED') {
    for (const l of listeners) l('password-change-required', err.message);
  } else if (err.code === 'TOTP_ENROLLMENT_REQUIRED') {
    for (const l of listeners) l('totp-enrollment-required', err.message);
  }
  throw err;
}

export const api = {
  get: <T>(url: string, query?: Query) => request<T>('GET', url, { query }),
  post: <T>(url: string, body?: unknown) => request<T>('POST', url, { body }),
  put: <T>(url: string, body?: unknown) => request<T>('PUT', url, { body }),
  patch: <T>(url: string, body?: unknown) => request<T>('PATCH', url, { body }),
  del: <T>(url: string) => request<T>('DELETE', url),
  upload: <T>(url: string, file: File | Blob, field = 'file') => {
    const form = new FormData();
    form.append(field, file);
    return request<T>('POST', url, { body: form });
  },
  /** A multipart form with fields besides the file (e.g. an upload's `purpose`). */
  postForm: <T>(url: string, form: FormData) => request<T>('POST', url, { body: form }),
};

export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}
