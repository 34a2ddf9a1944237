/**
 * Signing the custody agreement (托管协议): what exactly is signed (the unit's current text filled with the class's
 * facts, and its SHA-256) and who signs (the verified guardian, under their verified name, confirmed by a fresh code
 * sent to their own phone). The code reuses the registration's phone-code table with its own purpose per
 * application: single-use, valid 10 minutes, at most 5 attempts, one per minute.
 */
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { type AgreementFacts, fillAgreement, namesMatch } from '../../../domain/enrolment/agreement.js';
import type { Actor } from '../../auth/actor.js';
import type { RequestContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { careClasses, guardians, organizations, users, venues } from '../../db/schema.js';
import { conflict, invalid } from '../../errors.js';
import type { MessageSender } from '../../messaging/sender.js';
import { consumePurposeCode, PURPOSE_CODE_TTL_MS, sendPurposeCode } from '../families/phone-codes.js';
import { currentAgreement } from './readiness.repo.js';

export const SIGN_CODE_TTL_MS = PURPOSE_CODE_TTL_MS;
const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const purposeOf = (enrolmentId: number) => `sign:${enrolmentId}`;

/** The class's facts the agreement is filled with. */
export async function agreementFacts(db: Db, classId: number): Promise<AgreementFacts | undefined> {
  const [row] = await db
    .select({ c: careClasses, unit: organizations.name, venueName: venues.name, venueAddress: venues.address })
    .from(careClasses)
    .innerJoin(organizations, eq(organizations.id, careClasses.orgId))
    .leftJoin(venues, eq(venues.id, careClasses.venueId))
    .where(eq(careClasses.id, classId));
  if (!row) return undefined;
  const { c } = row;
  return {
    unit: row.unit,
    className: c.name,
    startDate: c.startDate,
    endDate: c.endDate,
    dailyStart: c.dailyStart,
    dailyEnd: c.dailyEnd,
    feeAmount: c.feeAmount,
    feeNote: c.feeNote,
    venueName: row.venueName,
    venueAddress: row.venueAddress,
  };
}

/** What a family signs for a class: the unit's current text (its version) filled with the class's facts. */
export async function signableAgreement(db: Db, classId: number, classOrgId: number) {
  const text = await currentAgreement(db, classOrgId);
  const facts = await agreementFacts(db, classId);
  if (!text || !facts) return undefined;
  const body = fillAgreement(text.body, facts);
  return { text, body, sha256: sha(body) };
}

/** The signer: a guardian verified by their employer, with a phone and the verified name. */
export async function verifiedSigner(db: Db, actor: Actor) {
  const [g] = await db
    .select({ status: guardians.status, name: users.displayName, phone: users.phone })
    .from(guardians)
    .innerJoin(users, eq(users.id, guardians.userId))
    .where(eq(guardians.userId, actor.userId));
  if (g?.status !== 'verified')
    throw conflict(
      '您的职工身份尚未经单位核验，核验通过后才能签署协议',
      'Your employer has not verified you yet; you can sign once it has',
    );
  if (!g.phone) throw conflict('账号未登记手机号，无法发送验证码', 'Your account has no phone number for the code');
  return { name: g.name, phone: g.phone };
}

/** The typed signature must be the guardian's verified name. */
export function assertSignatureName(typedName: string, verifiedName: string): void {
  if (!namesMatch(typedName, verifiedName))
    throw invalid(
      `签名须与您经单位核验的姓名“${verifiedName}”一致`,
      `The signature must be your verified name, "${verifiedName}"`,
      'body.typedName',
    );
}

/** Sends a fresh signing code to the guardian's own phone; answers its lifetime in seconds and the masked phone. */
export async function sendSignCode(
  db: Db,
  sender: MessageSender,
  ctx: RequestContext,
  enrolmentId: number,
  phone: string,
): Promise<{ expiresInSeconds: number; phone: string }> {
  const expiresInSeconds = await sendPurposeCode(db, sender, ctx, {
    key: phone,
    purpose: purposeOf(enrolmentId),
    phone,
    text: (code) => `【爱心托管】您正在签署托管协议，验证码 ${code}，10 分钟内有效。如非本人操作请勿告知他人。`,
  });
  return { expiresInSeconds, phone: `${phone.slice(0, 3)}****${phone.slice(-4)}` };
}

/**
 * Checks and uses up the latest signing code for this application (families/phone-codes.ts): a wrong code spends
 * an attempt in its own statement, so the count survives the refusal.
 */
export async function consumeSignCode(
  db: Db,
  ctx: RequestContext,
  enrolmentId: number,
  phone: string,
  code: string,
): Promise<void> {
  await consumePurposeCode(db, ctx, { key: phone, purpose: purposeOf(enrolmentId), code });
}
