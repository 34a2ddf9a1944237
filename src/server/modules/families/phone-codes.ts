/**
 * The phone-code mechanism of registration (registration.service.ts), for callers with a purpose of their own: the
 * same `phone_codes` table, 6 digits, 10 minutes, one per minute per number and purpose, at most 5 checks (each
 * spent in its own statement before comparing, so a refusal cannot roll the count back and parallel guesses each
 * spend one), single use. `key` is what the row is looked up by: the phone itself, or — for people who have no
 * account, such as needs-survey respondents — a keyed hash of it, so the number is not kept in clear.
 */
import { createHash, randomInt } from 'node:crypto';
import { and, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { RequestContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { phoneCodes } from '../../db/schema.js';
import { AppError, invalid } from '../../errors.js';
import type { MessageSender } from '../../messaging/sender.js';

export const PURPOSE_CODE_TTL_MS = 10 * 60_000;
const RESEND_MS = 60_000;
const MAX_ATTEMPTS = 5;
const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

export interface PurposeCode {
  /** The row's lookup key: the phone, or a keyed hash of it. */
  key: string;
  purpose: string;
}

/** Sends a fresh code to `phone`; `text` receives the code and returns the message. Answers its lifetime in s. */
export async function sendPurposeCode(
  db: Db,
  sender: MessageSender,
  ctx: RequestContext,
  c: PurposeCode & { phone: string; text: (code: string) => string },
): Promise<number> {
  const [recent] = await db
    .select({ createdAt: phoneCodes.createdAt })
    .from(phoneCodes)
    .where(
      and(
        eq(phoneCodes.phone, c.key),
        eq(phoneCodes.purpose, c.purpose),
        gt(phoneCodes.createdAt, new Date(ctx.now.getTime() - RESEND_MS)),
      ),
    )
    .limit(1);
  if (recent) {
    const seconds = Math.ceil((recent.createdAt.getTime() + RESEND_MS - ctx.now.getTime()) / 1000);
    throw new AppError('RATE_LIMITED', { seconds }, { headers: { 'retry-after': String(seconds) } });
  }
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await db.insert(phoneCodes).values({
    phone: c.key,
    codeHash: sha(`${c.purpose}:${c.key}:${code}`),
    purpose: c.purpose,
    expiresAt: new Date(ctx.now.getTime() + PURPOSE_CODE_TTL_MS),
    createdAt: ctx.now,
  });
  await sender.send(c.phone, c.text(code));
  return PURPOSE_CODE_TTL_MS / 1000;
}

/** Spends one attempt of the latest live code, then uses it up if it is right. Outside any caller transaction. */
export async function consumePurposeCode(
  db: Db,
  ctx: RequestContext,
  c: PurposeCode & { code: string; path?: string },
): Promise<void> {
  const path = c.path ?? 'body.code';
  const expired = () =>
    invalid('验证码已过期或已使用，请重新获取', 'The code has expired or was used; ask for a new one', path);
  const [latest] = await db
    .select({ id: phoneCodes.id })
    .from(phoneCodes)
    .where(
      and(
        eq(phoneCodes.phone, c.key),
        eq(phoneCodes.purpose, c.purpose),
        isNull(phoneCodes.usedAt),
        gt(phoneCodes.expiresAt, ctx.now),
      ),
    )
    .orderBy(desc(phoneCodes.id))
    .limit(1);
  if (!latest) throw expired();
  const [spent] = await db
    .update(phoneCodes)
    .set({ attempts: sql`${phoneCodes.attempts} + 1` })
    .where(and(eq(phoneCodes.id, latest.id), lt(phoneCodes.attempts, MAX_ATTEMPTS), isNull(phoneCodes.usedAt)))
    .returning({ codeHash: phoneCodes.codeHash });
  if (!spent) throw invalid('验证码错误次数过多，请重新获取', 'Too many wrong codes; ask for a new one', path);
  if (spent.codeHash !== sha(`${c.purpose}:${c.key}:${c.code}`)) throw invalid('验证码错误', 'The code is wrong', path);
  const [used] = await db
    .update(phoneCodes)
    .set({ usedAt: ctx.now })
    .where(and(eq(phoneCodes.id, latest.id), isNull(phoneCodes.usedAt)))
    .returning({ id: phoneCodes.id });
  if (!used) throw expired();
}
