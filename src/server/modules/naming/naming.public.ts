/**
 * The public's side of a 公示: anyone may object during the period, with a phone verified by a code (the families
 * module's phone-code mechanism, looked up by a keyed hash). The number is kept sealed for the call-back and shown
 * masked; outside the period the objection is refused with the dates. Each objection is audited (actor: nobody).
 * Also the public reads: the notices, one notice's class-level list, the showcase and a certificate's verification.
 */
import { eq } from 'drizzle-orm';
import { todayInChina } from '../../../domain/calendar/dates.js';
import { objectionRefusal, type VerifyState, verifyState } from '../../../domain/naming/publicity.js';
import { maskPhone } from '../../../domain/people/mask.js';
import type { RequestContext } from '../../context.js';
import type { Sealer } from '../../crypto/secrets.js';
import type { Db } from '../../db/client.js';
import { demonstrationNamings, publicityObjections } from '../../db/tables/naming.js';
import { AppError, conflict, invalid, notFound } from '../../errors.js';
import { recordEvent } from '../../events/audit.js';
import type { MessageSender } from '../../messaging/sender.js';
import { consumePurposeCode, sendPurposeCode } from '../families/phone-codes.js';
import {
  entriesOf,
  objectionsOf,
  type NamingRow,
  type NoticeRow,
  unsafeNamingByCode,
  unsafeNamings,
  unsafeNotice,
  unsafeNotices,
} from './naming.repo.js';
import { VERIFY_CODE } from '../../../domain/naming/publicity.js';

const CODE_PURPOSE = 'publicity_objection';
export const objectorPhoneHash = (sealer: Sealer, phone: string) => sealer.hash(`publicity-objection:${phone}`);

async function openNotice(db: Db, ctx: RequestContext, id: number): Promise<NoticeRow> {
  const n = await unsafeNotice(db, id);
  if (!n) throw notFound();
  const refusal = objectionRefusal(n, todayInChina(ctx.now));
  if (refusal) throw conflict(refusal.zh, refusal.en);
  return n;
}

export async function sendObjectionCode(
  db: Db,
  sender: MessageSender,
  sealer: Sealer,
  ctx: RequestContext,
  noticeId: number,
  phone: string,
): Promise<{ expiresInSeconds: number; phone: string }> {
  const n = await openNotice(db, ctx, noticeId);
  const expiresInSeconds = await sendPurposeCode(db, sender, ctx, {
    key: objectorPhoneHash(sealer, phone),
    purpose: CODE_PURPOSE,
    phone,
    text: (code) => `【爱心托管】您正在对“${n.title}”提出异议，验证码 ${code}，10 分钟内有效。如非本人操作请忽略。`,
  });
  return { expiresInSeconds, phone: maskPhone(phone) ?? '' };
}

export async function submitObjection(
  db: Db,
  sealer: Sealer,
  ctx: RequestContext,
  noticeId: number,
  input: { phone: string; code: string; entryId?: number | null | undefined; content: string },
): Promise<{ id: number; receivedAt: Date; phone: string }> {
  const n = await openNotice(db, ctx, noticeId);
  if (input.entryId) {
    const entries = await entriesOf(db, [n.id]);
    if (!entries.some((e) => e.id === input.entryId)) {
      throw invalid('所选托管班不在本公示名单中', 'The class chosen is not on this list', 'body.entryId');
    }
  }
  const phoneHash = objectorPhoneHash(sealer, input.phone);
  await consumePurposeCode(db, ctx, { key: phoneHash, purpose: CODE_PURPOSE, code: input.code });
  const phoneMasked = maskPhone(input.phone) ?? '';
  return db.transaction(async (tx) => {
    const [o] = await tx
      .insert(publicityObjections)
      .values({
        noticeId: n.id,
        entryId: input.entryId ?? null,
        phoneHash,
        phoneSealed: sealer.seal(input.phone),
        phoneMasked,
        content: input.content,
        createdAt: ctx.now,
      })
      .returning();
    if (!o) throw new AppError('INTERNAL');
    await recordEvent(tx, ctx, {
      action: 'publicity.objection',
      entity: 'publicity_objection',
      entityId: o.id,
      orgPath: n.campaign.orgPath,
      after: { noticeId: n.id, entryId: o.entryId, phone: phoneMasked, length: o.content.length },
    });
    return { id: o.id, receivedAt: o.createdAt, phone: phoneMasked };
  });
}

// ---- public reads: class-level facts only ----------------------------------------------------------------------

export const publicNotices = (db: Db) => unsafeNotices(db);

export async function publicNotice(db: Db, id: number) {
  const n = await unsafeNotice(db, id);
  if (!n) return null;
  const [entries, objections, namings] = await Promise.all([
    entriesOf(db, [n.id]),
    objectionsOf(db, n.id),
    unsafeNamings(db, eq(demonstrationNamings.noticeId, n.id)),
  ]);
  const first = namings[0];
  return {
    notice: n,
    entries,
    outcome: {
      objections: objections.length,
      answered: objections.filter((o) => o.responses.length > 0).length,
      named: first ? { decisionNo: first.decisionNo, decisionDate: first.decisionDate, count: namings.length } : null,
    },
  };
}

/** Named classes in force, by campaign (newest first). */
export async function showcase(db: Db): Promise<NamingRow[]> {
  return (await unsafeNamings(db)).filter((x) => !x.revocation);
}

export async function verifyCertificate(
  db: Db,
  code: string,
): Promise<{ state: VerifyState; naming: NamingRow | null }> {
  const normal = code.trim().toLowerCase();
  const x = VERIFY_CODE.test(normal) ? ((await unsafeNamingByCode(db, normal)) ?? null) : null;
  return { state: verifyState(x, x?.revocation ?? null), naming: x };
}

export const namingsOfCampaign = (db: Db, campaignId: number) =>
  unsafeNamings(db, eq(demonstrationNamings.campaignId, campaignId));
