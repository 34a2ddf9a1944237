/** What a service needs to know about the request it serves: who, from where, in which language, and when. */
import type { Actor } from './auth/actor.js';
import type { Lang } from './i18n/lang.js';

export interface RequestContext {
  requestId: string;
  ip: string | null;
  lang: Lang;
  actor: Actor | null;
  now: Date;
}

/** The context of a command-line or system action (bootstrap, CLI, demo loader). */
export function systemContext(now = new Date()): RequestContext {
  return { requestId: `sys-${now.getTime().toString(36)}`, ip: null, lang: 'zh-CN', actor: null, now };
}
