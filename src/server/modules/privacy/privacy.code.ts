/**
 * The code that confirms a deletion request: sent to the guardian's own phone, as signing an agreement does — the
 * phone-code mechanism of families/phone-codes.ts with a purpose of its own (single use, 10 minutes, at most 5
 * attempts each counted in its own statement, one per minute).
 */
import { maskPhone } from '../../../domain/people/mask.js';
import type { RequestContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import type { MessageSender } from '../../messaging/sender.js';
import { consumePurposeCode, PURPOSE_CODE_TTL_MS, sendPurposeCode } from '../families/phone-codes.js';

export const DELETION_CODE_TTL_MS = PURPOSE_CODE_TTL_MS;
export const deletionPurpose = (userId: number) => `privacy-delete:${userId}`;

export async function sendDeletionCode(
  db: Db,
  sender: MessageSender,
  ctx: RequestContext,
  userId: number,
  phone: string,
): Promise<{ expiresInSeconds: number; phone: string }> {
  const expiresInSeconds = await sendPurposeCode(db, sender, ctx, {
    key: phone,
    purpose: deletionPurpose(userId),
    phone,
    text: (code) =>
      `【爱心托管】您正在申请删除家庭的个人信息，验证码 ${code}，10 分钟内有效。如非本人操作请勿告知他人，并尽快修改密码。`,
  });
  return { expiresInSeconds, phone: maskPhone(phone) ?? '' };
}

/** Spends one attempt of the latest code, then uses it up if it is right. Runs outside the caller's transaction. */
export async function consumeDeletionCode(
  db: Db,
  ctx: RequestContext,
  userId: number,
  phone: string,
  code: string,
): Promise<void> {
  await consumePurposeCode(db, ctx, { key: phone, purpose: deletionPurpose(userId), code });
}
