/**
 * Parent registration (家长注册): a phone code through the message sender, then an account whose employer unit
 * must verify the person is its employee (职工). Verification grants the `parent` role on that unit; a rejection
 * records the reason. A second guardian joins a family with the one-time code the first one shares.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { and, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Actor } from '../../auth/actor.js';
import { assertPasswordAcceptable, hashPassword } from '../../auth/passwords.js';
import { authorize, covering } from '../../auth/policy.js';
import type { RequestContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { consents, families, guardians, organizations, phoneCodes, roleGrants, users } from '../../db/schema.js';
import type { MessageSender } from '../../messaging/sender.js';
import { AppError, conflict, invalid, notFound } from '../../errors.js';
import { recordEvent } from '../../events/audit.js';
import { findUserByLogin } from '../../auth/accounts.js';
import { PRIVACY_NOTICE } from './families.schema.js';

const CODE_TTL_MS = 10 * 60_000;
const RESEND_MS = 60_000;
const MAX_ATTEMPTS = 5;
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * A parent's account name: `p` and 12 random characters, never derived from the phone (issue 13: `p<phone>` showed
 * the full number in the people list and in every audit row's actor name). Parents sign in with their phone; the
 * name only tells accounts apart. Hex with 0 and 1 written x and y: no run of digits in it can read as a mobile
 * number (they all start with 1). Migration 0015 renames the accounts of earlier versions the same way.
 */
export function newParentUsername(): string {
  return `p${randomBytes(6).toString('hex').replace(/0/g, 'x').replace(/1/g, 'y')}`;
}

export async function sendPhoneCode(
  db: Db,
  sender: MessageSender,
  ctx: RequestContext,
  phone: string,
): Promise<number> {
  const [recent] = await db
    .select()
    .from(phoneCodes)
    .where(and(eq(phoneCodes.phone, phone), gt(phoneCodes.createdAt, new Date(ctx.now.getTime() - RESEND_MS))))
    .limit(1);
  if (recent) {
    const seconds = Math.ceil((recent.createdAt.getTime() + RESEND_MS - ctx.now.getTime()) / 1000);
    throw new AppError('RATE_LIMITED', { seconds }, { headers: { 'retry-after': String(seconds) } });
  }
  // The answer is the same whether or not the number is registered (it must not tell a stranger who uses the
  // service); the phone's owner learns it from the text instead. The row keeps the resend limit the same too.
  const registered = !!(await findUserByLogin(db, phone));
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await db.insert(phoneCodes).values({
    phone,
    // A registered number gets no usable code: the hash of a random secret nobody knows.
    codeHash: registered ? sha(`${phone}:${randomInt(0, 2 ** 47)}:unusable`) : sha(`${phone}:${code}`),
    purpose: registered ? 'register_notice' : 'register',
    expiresAt: new Date(ctx.now.getTime() + CODE_TTL_MS),
    createdAt: ctx.now,
  });
  await sender.send(
    phone,
    registered
      ? '【爱心托管】该手机号已注册，请直接登录；忘记密码请联系单位管理员。如非本人操作请忽略。'
      : `【爱心托管】您的注册验证码是 ${code}，10 分钟内有效。如非本人操作请忽略。`,
  );
  return CODE_TTL_MS / 1000;
}

/**
 * Checks a phone code, each check spending one of its MAX_ATTEMPTS first, in its own statement (issue 13: the count
 * used to roll back with the failed attempt, so 30 wrong codes and then the right one passed). Parallel guesses each
 * spend one too: after MAX_ATTEMPTS checks the code is dead whatever comes next. Runs outside the caller's
 * transaction for that reason; a right code is then marked used in one conditional statement (single use).
 */
async function consumeCode(db: Db, ctx: RequestContext, phone: string, code: string): Promise<void> {
  const wrong = () => invalid('验证码错误或已过期', 'The code is wrong or has expired');
  const [latest] = await db
    .select({ id: phoneCodes.id })
    .from(phoneCodes)
    .where(and(eq(phoneCodes.phone, phone), isNull(phoneCodes.usedAt), gt(phoneCodes.expiresAt, ctx.now)))
    .orderBy(desc(phoneCodes.id))
    .limit(1);
  if (!latest) throw wrong();
  const [spent] = await db
    .update(phoneCodes)
    .set({ attempts: sql`${phoneCodes.attempts} + 1` })
    .where(and(eq(phoneCodes.id, latest.id), lt(phoneCodes.attempts, MAX_ATTEMPTS), isNull(phoneCodes.usedAt)))
    .returning({ codeHash: phoneCodes.codeHash });
  if (!spent || spent.codeHash !== sha(`${phone}:${code}`)) throw wrong();
  const [used] = await db
    .update(phoneCodes)
    .set({ usedAt: ctx.now })
    .where(and(eq(phoneCodes.id, latest.id), isNull(phoneCodes.usedAt)))
    .returning({ id: phoneCodes.id });
  if (!used) throw wrong();
}

export async function registerParent(
  db: Db,
  ctx: RequestContext,
  input: {
    phone: string;
    code: string;
    password: string;
    displayName: string;
    employerOrgId: number;
    familyInviteCode?: string | undefined;
    privacyNoticeVersion: string;
  },
): Promise<number> {
  assertPasswordAcceptable(input.password, input.phone);
  if (input.privacyNoticeVersion !== PRIVACY_NOTICE.version) {
    throw invalid('请阅读并同意最新版个人信息保护告知书', 'Please read and accept the current privacy notice');
  }
  const passwordHash = await hashPassword(input.password);
  // The code check must survive a failed registration (attempt counting), so it commits on its own.
  await consumeCode(db, ctx, input.phone, input.code);
  return db.transaction(async (tx) => {
    const [employer] = await tx.select().from(organizations).where(eq(organizations.id, input.employerOrgId));
    if (employer?.kind !== 'unit' || !employer.active)
      throw invalid('请选择有效的工作单位', 'Choose a valid employer unit');
    if (await findUserByLogin(tx, input.phone))
      throw conflict('该手机号已注册，请直接登录', 'This phone number is registered; sign in instead');
    let familyId: number;
    if (input.familyInviteCode) {
      const [f] = await tx
        .select()
        .from(families)
        .where(
          and(
            eq(families.inviteCodeHash, sha(input.familyInviteCode.toUpperCase())),
            gt(families.inviteExpiresAt, ctx.now),
          ),
        );
      if (!f) throw invalid('家庭邀请码无效或已过期', 'The family invite code is invalid or has expired');
      const [{ n } = { n: 0 }] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(guardians)
        .where(eq(guardians.familyId, f.id));
      if (n >= 2) throw conflict('一个家庭最多两位监护人', 'A family has at most two guardians');
      familyId = f.id;
      await tx.update(families).set({ inviteCodeHash: null, inviteExpiresAt: null }).where(eq(families.id, f.id));
    } else {
      const [f] = await tx.insert(families).values({ createdAt: ctx.now }).returning();
      if (!f) throw new AppError('INTERNAL');
      familyId = f.id;
    }
    let username = newParentUsername();
    // 48 random bits: a clash is all but impossible, and cheap to rule out.
    while (await findUserByLogin(tx, username)) username = newParentUsername();
    const [u] = await tx
      .insert(users)
      .values({
        username,
        displayName: input.displayName,
        phone: input.phone,
        passwordHash,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning();
    if (!u) throw new AppError('INTERNAL');
    await tx.insert(guardians).values({ userId: u.id, familyId, employerOrgId: employer.id, createdAt: ctx.now });
    await tx.insert(consents).values({
      familyId,
      kind: 'privacy',
      noticeVersion: input.privacyNoticeVersion,
      grantedBy: u.id,
      grantedAt: ctx.now,
    });
    await recordEvent(
      tx,
      { ...ctx, actor: null },
      {
        action: 'guardian.register',
        entity: 'guardian',
        entityId: u.id,
        orgPath: employer.path,
        after: {
          displayName: u.displayName,
          phone: u.phone,
          familyId,
          employerOrgId: employer.id,
          joinedFamily: !!input.familyInviteCode,
        },
      },
    );
    return u.id;
  });
}

export async function createFamilyInvite(db: Db, ctx: RequestContext, actor: Actor): Promise<string> {
  const [g] = await db.select().from(guardians).where(eq(guardians.userId, actor.userId));
  if (!g) throw notFound();
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const code = Array.from({ length: 8 }, () => alphabet[randomInt(alphabet.length)]).join('');
  await db.transaction(async (tx) => {
    await tx
      .update(families)
      .set({ inviteCodeHash: sha(code), inviteExpiresAt: new Date(ctx.now.getTime() + 7 * 86_400_000) })
      .where(eq(families.id, g.familyId));
    await recordEvent(tx, ctx, { action: 'family.invite', entity: 'family', entityId: g.familyId });
  });
  return code;
}

/** The employer unit's administrators (or those above) verify or reject a guardian's employment. */
export async function verifyGuardian(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  userId: number,
  decision: 'approve' | 'reject',
  reason?: string,
) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ g: guardians, path: organizations.path })
      .from(guardians)
      .innerJoin(organizations, eq(organizations.id, guardians.employerOrgId))
      .where(eq(guardians.userId, userId));
    const visible = !!row && covering(actor, row.path, ['city_admin', 'district_admin', 'unit_admin']).length > 0;
    authorize(visible, false);
    if (!row) throw notFound();
    if (decision === 'reject' && !reason?.trim()) throw invalid('驳回时须写明原因', 'A rejection needs a reason');
    const status = decision === 'approve' ? 'verified' : 'rejected';
    await tx
      .update(guardians)
      .set({ status, reason: reason ?? null, verifiedBy: actor.userId, verifiedAt: ctx.now })
      .where(eq(guardians.userId, userId));
    if (status === 'verified') {
      await tx
        .insert(roleGrants)
        .values({ userId, role: 'parent', orgId: row.g.employerOrgId, grantedBy: actor.userId, createdAt: ctx.now })
        .onConflictDoNothing();
    } else {
      await tx
        .delete(roleGrants)
        .where(
          and(eq(roleGrants.userId, userId), eq(roleGrants.role, 'parent'), eq(roleGrants.orgId, row.g.employerOrgId)),
        );
    }
    await recordEvent(tx, ctx, {
      action: `guardian.${decision}`,
      entity: 'guardian',
      entityId: userId,
      orgPath: row.path,
      before: { status: row.g.status },
      after: { status, reason: reason ?? null },
    });
  });
}
