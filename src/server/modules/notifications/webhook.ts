/**
 * Group-robot webhooks (群机器人) the Chinese workplace messengers offer: the JSON each expects, DingTalk's
 * signing (加签), and one POST that reports failure the way the robots do (a 200 with a non-zero `errcode`).
 */
import { createHmac } from 'node:crypto';
import dns, { type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';

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

/**
 * Where a webhook may point (issue 13: a unit administrator pointed a channel at 127.0.0.1 and read internal answers
 * back). Only the robots' own hosts by default; the city administrator may add hosts (settings `webhookHosts`), and a
 * deployment may name relays on its own network (WEBHOOK_RELAY_HOSTS), the only hosts reached over plain http or at
 * a private address.
 */
export const OFFICIAL_ROBOT_HOSTS = ['qyapi.weixin.qq.com', 'oapi.dingtalk.com'] as const;

export interface WebhookTargets {
  /** Hosts a channel may name (the robots', the city's additions, the relays). */
  allowedHosts: readonly string[];
  /** Relays: http allowed, private addresses allowed. */
  relayHosts: readonly string[];
}

export type WebhookUrlProblem = 'not a URL' | 'must be https' | 'host not allowed';

export function webhookUrlProblem(raw: string, targets: WebhookTargets): WebhookUrlProblem | null {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return 'not a URL';
  }
  const host = u.hostname.toLowerCase();
  const relay = targets.relayHosts.includes(host);
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && relay)) return 'must be https';
  if (u.username || u.password) return 'not a URL';
  if (!relay && !targets.allowedHosts.includes(host)) return 'host not allowed';
  return null;
}

/** Loopback, private, link-local, carrier-grade NAT, unspecified, multicast and reserved addresses (v4 and v6). */
export function isPrivateAddress(ip: string): boolean {
  const v4 = /^(?:::ffff:)?(\d+)\.(\d+)\.(\d+)\.(\d+)$/i.exec(ip);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 192 && b === 0) ||
      (a === 198 && (b === 18 || b === 19)) ||
      a >= 224
    );
  }
  const x = ip.toLowerCase();
  return (
    x === '::' ||
    x === '::1' ||
    x.startsWith('fc') ||
    x.startsWith('fd') ||
    /^fe[89ab]/.test(x) ||
    x.startsWith('ff') ||
    x.startsWith('::ffff:') // a mapped form not caught above (hex): refuse rather than parse
  );
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

/**
 * POSTs JSON; resolves with nothing on success, throws an Error whose message is what the log keeps: a status, an
 * errcode or a network reason, never the body the other side sent back. The host is resolved here and every address
 * it has must be public (unless it is a relay); the connection goes to the address checked, so a name that resolves
 * differently a moment later cannot slip through.
 */
export async function postJson(url: string, body: unknown, timeoutMs: number, targets: WebhookTargets): Promise<void> {
  const problem = webhookUrlProblem(url, targets);
  if (problem) throw new Error(`refused: ${problem}`);
  const u = new URL(url);
  const relay = targets.relayHosts.includes(u.hostname.toLowerCase());
  const payload = Buffer.from(JSON.stringify(body));
  const lookup: LookupFunction = (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 4);
      const list = addresses as LookupAddress[];
      const blocked = !relay && list.some((a) => isPrivateAddress(a.address));
      if (blocked || list.length === 0) {
        const e = Object.assign(new Error('private address'), { code: 'EPRIVATE' });
        return callback(e, '', 4);
      }
      if ((options as { all?: boolean }).all)
        return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
      const first = list[0] as LookupAddress;
      callback(null, first.address, first.family);
    });
  };
  const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = (u.protocol === 'https:' ? https : http).request(
      u,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': payload.length },
        lookup,
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size <= 65_536) chunks.push(c);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEOUT' })));
    req.on('error', reject);
    req.end(payload);
  }).catch((e: unknown) => {
    const code = causeCode(e);
    if (code === 'ETIMEOUT') throw new Error(`timeout after ${timeoutMs} ms`);
    if (code === 'EPRIVATE') throw new Error('refused: the host resolves to a private address');
    throw new Error(`network error: ${code ?? 'unknown'}`);
  });
  // Redirects are not followed: a robot answers its own URL.
  if (status < 200 || status >= 300) throw new Error(`HTTP ${status}`);
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    return; // a 2xx without JSON: accepted
  }
  if (parsed && typeof parsed === 'object' && 'errcode' in parsed) {
    const { errcode } = parsed as { errcode: unknown };
    if (errcode !== 0 && errcode !== '0') throw new Error(`errcode ${Number(errcode) || 'non-zero'}`);
  }
}
