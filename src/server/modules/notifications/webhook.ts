/**
 * Group-robot webhooks (群机器人) the Chinese workplace messengers offer: the JSON each expects, DingTalk's
 * signing (加签), and one POST that reports failure the way the robots do (a 200 with a non-zero `errcode`).
 */
import { createHmac } from 'node:crypto';

export const CHANNEL_KINDS = ['wecom', 'dingtalk'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export interface WebhookMessage {
  kind: string;
  severity: string;
  title: string;
  body: string;
  link?: string | null;
}

const SEVERITY_ZH: Record<string, string> = { info: '通知', warning: '提醒', critical: '紧急' };

function markdownText(m: WebhookMessage): string {
  const tag = SEVERITY_ZH[m.severity] ?? m.severity;
  const lines = [`### 【${tag}】${m.title}`, '', m.body];
  if (m.link) lines.push('', `> 详情：${m.link}`);
  return lines.join('\n');
}

/** 企业微信 `{msgtype, markdown:{content}}`; 钉钉 `{msgtype, markdown:{title, text}}`. */
export function robotBody(format: ChannelKind, m: WebhookMessage): Record<string, unknown> {
  if (format === 'dingtalk') return { msgtype: 'markdown', markdown: { title: m.title, text: markdownText(m) } };
  return { msgtype: 'markdown', markdown: { content: markdownText(m) } };
}

/** DingTalk 加签: base64(HMAC-SHA256(secret, `${timestamp}\n${secret}`)). */
export function dingtalkSign(timestamp: number, secret: string): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
}

export function signedDingtalkUrl(url: string, secret: string, timestamp: number): string {
  const sign = encodeURIComponent(dingtalkSign(timestamp, secret));
  return `${url}${url.includes('?') ? '&' : '?'}timestamp=${timestamp}&sign=${sign}`;
}

/** A webhook URL must be https; plain http only to this machine (a local receiver in tests or a relay). */
export function webhookUrlProblem(raw: string): string | null {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return 'not a URL';
  }
  if (u.protocol === 'https:') return null;
  if (u.protocol === 'http:' && (u.hostname === 'localhost' || u.hostname === '127.0.0.1')) return null;
  return 'must be https';
}

/** The URL as shown back: the robot's access token is a credential, so only its ends are kept. */
export function maskWebhookUrl(raw: string): string {
  try {
    const u = new URL(raw);
    for (const [k, v] of u.searchParams) {
      if (v.length > 8) u.searchParams.set(k, `${v.slice(0, 4)}…${v.slice(-4)}`);
      else u.searchParams.set(k, '…');
    }
    return decodeURIComponent(u.toString());
  } catch {
    return '…';
  }
}

/** The system error code under fetch's "fetch failed" (ECONNREFUSED, ENOTFOUND, …), through causes and aggregates. */
function causeCode(e: unknown, depth = 0): string | undefined {
  if (!e || typeof e !== 'object' || depth > 4) return undefined;
  const x = e as { code?: unknown; cause?: unknown; errors?: unknown[] };
  if (typeof x.code === 'string' && x.code.startsWith('E')) return x.code;
  return causeCode(x.cause, depth + 1) ?? (Array.isArray(x.errors) ? causeCode(x.errors[0], depth + 1) : undefined);
}

/** POSTs JSON; resolves with nothing on success, throws an Error whose message is what the log keeps. */
export async function postJson(url: string, body: unknown, timeoutMs: number): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
  } catch (e) {
    const err = e as Error;
    if (err.name === 'TimeoutError') throw new Error(`timeout after ${timeoutMs} ms`);
    const cause = err.cause instanceof Error ? err.cause.message : undefined;
    throw new Error(`network error: ${causeCode(err) ?? cause ?? err.message}`);
  }
  const text = await res.text().catch(() => '');
  if (res.status < 200 || res.status >= 300) throw new Error(`HTTP ${res.status}: ${text.slice(0, 200)}`);
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    return; // a 2xx without JSON: accepted
  }
  if (parsed && typeof parsed === 'object' && 'errcode' in parsed) {
    const { errcode, errmsg } = parsed as { errcode: unknown; errmsg?: unknown };
    if (errcode !== 0 && errcode !== '0') throw new Error(`errcode ${String(errcode)}: ${String(errmsg ?? '')}`);
  }
}
