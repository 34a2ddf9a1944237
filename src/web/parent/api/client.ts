/**
 * The parents' app's own small HTTP client (the admin console's pulls in i18next): the session cookie travels by
 * itself, the CSRF token from sign-in / `GET /api/auth/me` goes on every state-changing request, the UI language
 * as Accept-Language. Failures become `ApiError` with the server's stable code and already-translated message;
 * a lost session is broadcast so the app returns to the sign-in page whatever screen made the call.
 */
import { currentLang, translate } from '../i18n';

/** One refused field of a 400 VALIDATION_FAILED: its path (`body.birthDate`) and message in the UI language. */
export interface FieldIssue {
  path: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly requestId: string | undefined;
  /** Seconds from the Retry-After header (429). */
  readonly retryAfter: number | undefined;
  /** The server's structured detail, e.g. the fields a VALIDATION_FAILED names. */
  readonly details: unknown;

  constructor(
    status: number,
    code: string,
    message: string,
    requestId?: string,
    retryAfter?: number,
    details?: unknown,
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.requestId = requestId;
    this.retryAfter = retryAfter;
    this.details = details;
  }

  /** The fields a 400 VALIDATION_FAILED names (`details: [{ path, message }]`); empty otherwise. */
  get fieldIssues(): FieldIssue[] {
    if (this.code !== 'VALIDATION_FAILED' || !Array.isArray(this.details)) return [];
    return (this.details as unknown[]).filter(
      (d): d is FieldIssue =>
        !!d && typeof (d as FieldIssue).path === 'string' && typeof (d as FieldIssue).message === 'string',
    );
  }
}

type Listener = (message: string) => void;
const signedOutListeners = new Set<Listener>();
export function onSignedOut(l: Listener): () => void {
  signedOutListeners.add(l);
  return () => signedOutListeners.delete(l);
}

let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/**
 * Field paths in validation messages ("body.emergencyContacts.0.phone: …") read as the form's own labels, so a
 * parent sees "紧急联系人 1 手机号：…" instead of a JSON path.
 */
const FIELD_LABELS: Record<string, { zh: string; en: string }> = {
  phone: { zh: '手机号', en: 'Mobile number' },
  code: { zh: '验证码', en: 'Code' },
  password: { zh: '密码', en: 'Password' },
  displayName: { zh: '姓名', en: 'Name' },
  name: { zh: '姓名', en: 'Name' },
  relation: { zh: '关系', en: 'Relation' },
  birthDate: { zh: '出生日期', en: 'Date of birth' },
  school: { zh: '学校', en: 'School' },
  idNumber: { zh: '身份证号', en: 'ID number' },
  allergies: { zh: '过敏史', en: 'Allergies' },
  healthNotes: { zh: '健康备注', en: 'Health notes' },
  emergencyContacts: { zh: '紧急联系人', en: 'Emergency contact' },
  pickupAdults: { zh: '接送人', en: 'Pickup adult' },
  insurer: { zh: '保险公司', en: 'Insurer' },
  policyNo: { zh: '保单号', en: 'Policy number' },
  periodStart: { zh: '保险起始日', en: 'Cover starts' },
  periodEnd: { zh: '保险截止日', en: 'Cover ends' },
  typedName: { zh: '签署姓名', en: 'Typed name' },
  reason: { zh: '原因', en: 'Reason' },
  familyInviteCode: { zh: '家庭邀请码', en: 'Family invite code' },
};

export function friendlyMessage(message: string, lang = currentLang()): string {
  return message.replace(
    /(?:(?:body|querystring|params)\.)?([a-zA-Z]+)(?:\.(\d+)\.([a-zA-Z]+))?:\s*/g,
    (whole, field: string, index?: string, sub?: string) => {
      const label = FIELD_LABELS[field]?.[lang];
      if (!label) return whole;
      const subLabel = sub ? FIELD_LABELS[sub]?.[lang] : undefined;
      const name = index !== undefined ? `${label} ${Number(index) + 1}${subLabel ? ` ${subLabel}` : ''}` : label;
      return lang === 'en' ? `${name}: ` : `${name}：`;
    },
  );
}

export interface RequestOptions {
  /** JSON body, or FormData for uploads. */
  body?: unknown;
  /** Do not broadcast 401s (the sign-in call itself, the first "who am I"). */
  quiet401?: boolean;
}

export async function request<T>(
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  opts: RequestOptions = {},
): Promise<T> {
  const lang = currentLang();
  const headers: Record<string, string> = {
    'accept-language': lang === 'en' ? 'en' : 'zh-CN',
    accept: 'application/json',
  };
  let body: BodyInit | undefined;
  if (opts.body instanceof FormData) body = opts.body;
  else if (method !== 'GET') {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body ?? {});
  }
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(url, { method, headers, body, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', translate('error.network'));
  }
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (res.ok) return data as T;
  const b = (data && typeof data === 'object' ? data : {}) as {
    code?: string;
    message?: string;
    requestId?: string;
    details?: unknown;
  };
  const retry = Number(res.headers.get('retry-after'));
  const err = new ApiError(
    res.status,
    b.code ?? 'HTTP_ERROR',
    b.message ? friendlyMessage(b.message) : translate('error.http', { status: res.status }),
    b.requestId,
    Number.isFinite(retry) && retry > 0 ? retry : undefined,
    b.details,
  );
  if (res.status === 401 && (err.code === 'UNAUTHENTICATED' || err.code === 'SESSION_EXPIRED') && !opts.quiet401) {
    for (const l of signedOutListeners) l(err.message);
  }
  throw err;
}

export const api = {
  get: <T>(url: string, opts?: Omit<RequestOptions, 'body'>) => request<T>('GET', url, opts),
  post: <T>(url: string, body?: unknown, opts?: Omit<RequestOptions, 'body'>) =>
    request<T>('POST', url, { ...opts, body }),
  patch: <T>(url: string, body: unknown) => request<T>('PATCH', url, { body }),
  del: <T>(url: string) => request<T>('DELETE', url),
  upload: <T>(url: string, file: Blob, filename: string) => {
    const form = new FormData();
    form.append('file', file, filename);
    return request<T>('POST', url, { body: form });
  },
};

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
