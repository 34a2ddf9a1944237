/**
 * Signing the custody agreement (托管协议): what exactly is signed (the unit's current text filled with the class's
 * facts, and its SHA-256) and who signs (the verified guardian, under their verified name, confirmed by a fresh code
 * sent to their own phone). The code reuses the registration's phone-code table with its own purpose per
 * application: single-use, valid 10 minutes, at most 5 attempts, one per minute.
 */
import { createHash, randomInt } from 'node:crypto';
import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import { type AgreementFacts, fillAgreement, namesMatch } from '../../../domain/enrolment/agreement.js';
import type { Actor } from '../../auth/actor.js';
import type { RequestContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { careClasses, guardians, organizations, phoneCodes, users, venues } from '../../db/schema.js';
import { AppError, conflict, invalid } from '../../errors.js';
import type { MessageSender } from '../../messaging/sender.js';
import { currentAgreement } from './readiness.repo.js';

export const SIGN_CODE_TTL_MS = 10 * 60_000;
const RESEND_MS = 60_000;
const MAX_ATTEMPTS = 5;
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
  const purpose = purposeOf(enrolmentId);
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
    expiresAt: new Date(ctx.now.getTime() + SIGN_CODE_TTL_MS),
    createdAt: ctx.now,
  });
  await sender.send(phone, `【爱心托管】您正在签署托管协议，验证码 ${code}，10 分钟内有效。如非本人操作请勿告知他人。`);
  return { expiresInSeconds: SIGN_CODE_TTL_MS / 1000, phone: `${phone.slice(0, 3)}****${phone.slice(-4)}` };
}

/**
 * Checks and uses up the latest signing code for this application. A wrong code counts an attempt: the check
 * commits on its own (its own transaction) and the refusal is thrown after, so the count survives it.
 */
export async function consumeSignCode(
  db: Db,
  ctx: RequestContext,
  enrolmentId: number,
  phone: string,
  code: string,
): Promise<void> {
  const purpose = purposeOf(enrolmentId);
  const outcome = await db.transaction(async (tx) => {
    const [row] = await tx
      .select()
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
      .limit(1)
      .for('update');
    if (!row) return 'missing' as const;
    if (row.attempts >= MAX_ATTEMPTS) return 'exhausted' as const;
    if (row.codeHash !== sha(`${purpose}:${phone}:${code}`)) {
      await tx
        .update(phoneCodes)
        .set({ attempts: row.attempts + 1 })
        .where(eq(phoneCodes.id, row.id));
      return 'wrong' as const;
    }
    await tx.update(phoneCodes).set({ usedAt: ctx.now }).where(eq(phoneCodes.id, row.id));
    return 'ok' as const;
  });
  const path = 'body.code';
  if (outcome === 'missing')
    throw invalid('验证码已过期或已使用，请重新获取', 'The code has expired or was used; ask for a new one', path);
  if (outcome === 'exhausted')
    throw invalid('验证码错误次数过多，请重新获取', 'Too many wrong codes; ask for a new one', path);
  if (outcome === 'wrong') throw invalid('验证码错误', 'The code is wrong', path);
}
