/**
 * The survey screen's calls (public, no session): a few lines of fetch so a 401 here (verification expired) is
 * the screen's own business, not the app's "signed out" broadcast.
 */
import type { SurveyAnswers } from '../../../../domain/surveys/answers';
import type { PublicSurvey } from '../../../../server/modules/surveys/surveys.schema';
import { currentLang } from '../../../shared/lang';

export type { PublicSurvey, SurveyAnswers };

export class SurveyError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

async function call<T>(method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'accept-language': currentLang() === 'en' ? 'en' : 'zh-CN',
  };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new SurveyError(0, 'NETWORK', '');
  }
  const data = (await res.json().catch(() => ({}))) as { code?: string; message?: string };
  if (!res.ok) {
    const retry = Number(res.headers.get('retry-after'));
    throw new SurveyError(
      res.status,
      data.code ?? 'ERROR',
      data.message ?? '',
      Number.isFinite(retry) ? retry : undefined,
    );
  }
  return data as T;
}

const base = (token: string) => `/api/public/needs-surveys/${encodeURIComponent(token)}`;

export interface StoredAnswer {
  answers: SurveyAnswers;
  version: number;
  updatedAt: string;
}

export const getSurvey = (token: string) => call<PublicSurvey>('GET', base(token));
export const sendCode = (token: string, phone: string) =>
  call<{ expiresInSeconds: number; phone: string }>('POST', `${base(token)}/code`, { phone });
export const verifyPhone = (token: string, phone: string, code: string) =>
  call<{ ticket: string; phone: string; closed: boolean; answer: StoredAnswer | null }>(
    'POST',
    `${base(token)}/verify`,
    {
      phone,
      code,
    },
  );
export const saveAnswer = (token: string, ticket: string, answers: SurveyAnswers, version?: number) =>
  call<{ version: number }>('PUT', `${base(token)}/answer`, { ticket, answers, ...(version ? { version } : {}) });
