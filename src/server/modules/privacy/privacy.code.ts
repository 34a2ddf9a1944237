/**
 * The code that confirms a deletion request: sent to the guardian's own phone, as signing an agreement does
 * (enrolments/signing.service.ts) — the registration's phone-code table with a purpose of its own, single use,
 * 10 minutes, at most 5 attempts (each counted in its own statement, so a refusal cannot roll the count back),
 * one per minute.
 */
import { createHash, randomInt } from 'node:crypto';
import { and, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import { maskPhone } from '../../../domain/people/mask.js';
import type { RequestContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { phoneCodes } from '../../db/schema.js';
import { AppError, invalid } from '../../errors.js';
import type { MessageSender } from '../../messaging/sender.js';

export const DELETION_CODE_TTL_MS = 10 * 60_000;
const RESEND_MS = 60_000;
const MAX_ATTEMPTS = 5;
const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
export const deletionPurpose = (userId: number) => `privacy-delete:${userId}`;

export async function sendDeletionCode(
  db: Db,
  sender: MessageSender,
  ctx: RequestContext,
  userId: number,
  phone: string,
): Promise<{ expiresInSeconds: number; phone: string }> {
  const purpose = deletionPurpose(userId);
  const [recent] = await db
    .select()
    .from(phoneCodes)
    .where(
      and(
        eq(phoneCodes.phone, phone),
        eq(phoneCodes.purpose, purpose),
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
    phone,
    codeHash: sha(`${purpose}:${phone}:${code}`),
    purpose,
    expiresAt: new Date(ctx.now.getTime() + DELETION_CODE_TTL_MS),
    createdAt: ctx.now,
  });
  await sender.send(
    phone,
    `【爱心托管】您正在申请删除家庭的个人信息，验证码 ${code}，10 分钟内有效。如非本人操作请勿告知他人，并尽快修改密码。`,
  );
  return { expiresInSeconds: DELETION_CODE_TTL_MS / 1000, phone: maskPhone(phone) ?? '' };
}

/** Spends one attempt of the latest code, then uses it up if it is right. Runs outside the caller's transaction. */
export async function consumeDeletionCode(
  db: Db,
  ctx: RequestContext,
  userId: number,
  phone: string,
  code: string,
): Promise<void> {
  const purpose = deletionPurpose(userId);
  const path = 'body.code';
  const [latest] = await db
    .select({ id: phoneCodes.id, attempts: phoneCodes.attempts })
    .from(phoneCodes)
    .where(
      and(
        eq(phoneCodes.phone, phone),
        eq(phoneCodes.purpose, purpose),
        isNull(phoneCodes.usedAt),
        gt(phoneCodes.expiresAt, ctx.now),
      ),
    )
    .orderBy(desc(phoneCodes.id))
    .limit(1);
  if (!latest)
    throw invalid('验证码已过期或已使用，请重新获取', 'The code has expired or was used; ask for a new one', path);
  const [spent] = await db
    .update(phoneCodes)
    .set({ attempts: sql`${phoneCodes.attempts} + 1` })
    .where(and(eq(phoneCodes.id, latest.id), lt(phoneCodes.attempts, MAX_ATTEMPTS), isNull(phoneCodes.usedAt)))
    .returning({ codeHash: phoneCodes.codeHash });
  if (!spent) throw invalid('验证码错误次数过多，请重新获取', 'Too many wrong codes; ask for a new one', path);
  if (spent.codeHash !== sha(`${purpose}:${phone}:${code}`)) throw invalid('验证码错误', 'The code is wrong', path);
  const [used] = await db
    .update(phoneCodes)
    .set({ usedAt: ctx.now })
    .where(and(eq(phoneCodes.id, latest.id), isNull(phoneCodes.usedAt)))
    .returning({ id: phoneCodes.id });
  if (!used)
    throw invalid('验证码已过期或已使用，请重新获取', 'The code has expired or was used; ask for a new one', path);
}
