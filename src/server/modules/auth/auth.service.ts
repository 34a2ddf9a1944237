/**
 * Signing in and out, password changes and TOTP enrolment. Failed attempts count per account and lock it for a
 * doubling time (1 min, 2, 4 … at most 60) once the threshold is passed; the IP rate limit sits on the route.
 */
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { TRANSITIONS } from '../../../domain/classes/lifecycle.js';
import { ADMIN_ROLES, adminLevel, ROLE_SPECS, type Role } from '../../../domain/people/roles.js';
import { findUserByLogin } from '../../auth/accounts.js';
import type { Actor } from '../../auth/actor.js';
import { assertPasswordAcceptable, hashPassword, verifyPassword } from '../../auth/passwords.js';
import { adminLevelOver, orgPolicy } from '../../auth/policy.js';
import { createSession, destroySession, loadGrants } from '../../auth/sessions.js';
import { newTotpSecret, totpStep, totpUri } from '../../auth/totp.js';
import type { RequestContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { loginFailures, organizations, sessions, users } from '../../db/schema.js';
import type { Sealer } from '../../crypto/secrets.js';
import type { Deps } from '../../deps.js';
import { AppError, invalid } from '../../errors.js';
import { recordEvent } from '../../events/audit.js';
import { campaignPolicy } from '../campaigns/campaigns.service.js';
import { CLASS_READERS } from '../classes/classes.repo.js';
import { COUNTERPARTY_READERS, counterpartyPolicy } from '../counterparties/counterparties.policy.js';
import { INCIDENT_READERS } from '../incidents/incidents.policy.js';
import { jobsPolicy } from '../jobs/jobs.policy.js';
import { channelPolicy } from '../notifications/notifications.policy.js';
import { ORG_READERS } from '../orgs/orgs.repo.js';
import { REPORT_READERS } from '../reports/reports.policy.js';
import { SUMMARY_READERS } from '../subsidies/funding-summary.js';
import { SUBSIDY_READERS } from '../subsidies/subsidies.policy.js';
import { NEWS_WRITERS } from '../public/news.service.js';
import { getSettings } from '../settings/settings.service.js';
import { USER_READERS } from '../users/users.repo.js';
import { PLANNERS, SUPERVISION_READERS } from '../supervision/supervision.policy.js';
import { selectionPolicy } from '../selection/selection.policy.js';
import { VENUE_READERS, venuePolicy } from '../venues/venues.policy.js';
import type { MeResponse } from './auth.schema.js';

const MAX_LOCK_MINUTES = 60;

export function lockMinutes(failures: number, threshold: number): number {
  if (failures < threshold) return 0;
  return Math.min(MAX_LOCK_MINUTES, 2 ** (failures - threshold));
}

const nobodysName = (name: string) => name.trim().toLowerCase().slice(0, 200);

async function nobodysLock(db: Db, name: string): Promise<Date | null> {
  const [row] = await db
    .select()
    .from(loginFailures)
    .where(eq(loginFailures.username, nobodysName(name)));
  return row?.lockedUntil ?? null;
}

/** Counts a failure under a name nobody holds, atomically, and locks it as lockMinutes says for real accounts. */
async function countNobodysFailure(db: Db, name: string, now: Date, threshold: number): Promise<void> {
  const [row] = await db
    .insert(loginFailures)
    .values({ username: nobodysName(name), failedLogins: 1, updatedAt: now })
    .onConflictDoUpdate({
      target: loginFailures.username,
      set: { failedLogins: sql`${loginFailures.failedLogins} + 1`, updatedAt: now },
    })
    .returning({ failedLogins: loginFailures.failedLogins });
  const minutes = lockMinutes(row?.failedLogins ?? 1, threshold);
  if (minutes)
    await db
      .update(loginFailures)
      .set({ lockedUntil: new Date(now.getTime() + minutes * 60_000) })
      .where(eq(loginFailures.username, nobodysName(name)));
}

/**
 * A TOTP code is accepted once: its step must be later than the last one this person used, recorded in the same
 * conditional statement (two sign-ins racing with one code: one wins). Issue 13: a code could be replayed within
 * its 90-second window.
 */
async function acceptTotp(
  db: Db,
  sealer: Sealer,
  userId: number,
  stored: string,
  code: string,
  now: Date,
): Promise<boolean> {
  const step = await totpStep(openTotpSecret(sealer, stored), code, now);
  if (step === null) return false;
  const [used] = await db
    .update(users)
    // A secret stored in clear by an earlier version is sealed on its first use.
    .set({ totpLastStep: step, ...(isSealed(stored) ? {} : { totpSecret: sealer.seal(stored) }) })
    .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
    .returning({ id: users.id });
  return !!used;
}

/**
 * TOTP secrets are sealed at rest like ID numbers (issue 13: they were stored in clear). A sealed value reads
 * `v1.<iv>.<tag>.<body>`; a base32 secret never holds a dot, so one stored in clear by an earlier version is told
 * apart and still works until its next use seals it.
 */
const isSealed = (stored: string) => stored.startsWith('v1.');
const openTotpSecret = (sealer: Sealer, stored: string) => (isSealed(stored) ? sealer.open(stored) : stored);

export async function login(
  deps: Deps,
  ctx: RequestContext,
  input: { username: string; password: string; totp?: string | undefined },
  userAgent: string | null,
) {
  const db = deps.database.db;
  const now = ctx.now;
  const user = await findUserByLogin(db, input.username);
  // A name that belongs to nobody locks like a real account, so ACCOUNT_LOCKED does not reveal who exists.
  const lockedUntil = user ? user.lockedUntil : await nobodysLock(db, input.username);
  if (lockedUntil && lockedUntil > now) {
    const seconds = Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000);
    throw new AppError('ACCOUNT_LOCKED', { seconds }, { headers: { 'retry-after': String(seconds) } });
  }
  const passwordOk = await verifyPassword(user?.passwordHash ?? null, input.password);
  const fail = async (code: 'INVALID_CREDENTIALS' | 'TOTP_INVALID') => {
    if (user) {
      await db.transaction(async (tx) => {
        // Counted in the database, not from the row read before the password check: wrong passwords sent in
        // parallel each count (they used to overwrite each other's count and never lock the account). The UPDATE
        // holds the row until the lock below is set from the count it returned.
        const [counted] = await tx
          .update(users)
          .set({ failedLogins: sql`${users.failedLogins} + 1` })
          .where(eq(users.id, user.id))
          .returning({ failedLogins: users.failedLogins });
        const failures = counted?.failedLogins ?? user.failedLogins + 1;
        const minutes = lockMinutes(failures, deps.config.lockoutThreshold);
        if (minutes)
          await tx
            .update(users)
            .set({ lockedUntil: new Date(now.getTime() + minutes * 60_000) })
            .where(eq(users.id, user.id));
        await recordEvent(
          tx,
          { ...ctx, actor: null },
          {
            action: 'auth.login_failed',
            entity: 'user',
            entityId: user.id,
            after: { failedLogins: failures, lockedMinutes: minutes },
          },
        );
      });
    } else await countNobodysFailure(db, input.username, now, deps.config.lockoutThreshold);
    throw new AppError(code);
  };
  if (!user || !passwordOk || !user.active) return fail('INVALID_CREDENTIALS');
  if (user.totpEnabled && user.totpSecret) {
    if (!input.totp) throw new AppError('TOTP_REQUIRED');
    if (!(await acceptTotp(db, deps.sealer, user.id, user.totpSecret, input.totp, now))) return fail('TOTP_INVALID');
  }
  const session = await createSession(
    db,
    user.id,
    now,
    { idleMinutes: deps.config.sessionIdleMinutes, absoluteHours: deps.config.sessionAbsoluteHours },
    { ip: ctx.ip, userAgent },
  );
  await db.transaction(async (tx) => {
    await tx.update(users).set({ failedLogins: 0, lockedUntil: null, lastLoginAt: now }).where(eq(users.id, user.id));
    await recordEvent(tx, { ...ctx, actor: null }, { action: 'auth.login', entity: 'user', entityId: user.id });
  });
  const actor: Actor = {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    grants: await loadGrants(db, user.id),
    sessionId: session.sessionId,
    totpEnabled: user.totpEnabled,
    mustChangePassword: user.mustChangePassword,
  };
  return { ...session, actor };
}

export async function logout(db: Db, ctx: RequestContext, actor: Actor): Promise<void> {
  await db.transaction(async (tx) => {
    await destroySession(tx, actor.sessionId);
    await recordEvent(tx, ctx, { action: 'auth.logout', entity: 'user', entityId: actor.userId });
  });
}

/** Roles held only on units (a unit's administrator, its staff and volunteers, parents): they work in their own unit. */
const unitLevel = (r: Role) => ROLE_SPECS[r].grantableOn.every((k) => k === 'unit');

/**
 * What the console offers this person (the `abilities` of `me`): which pages and menu entries they see,
 * decided from the same role lists and policies the modules use to scope and authorise their API, so the console
 * never re-derives them from role names. Visibility only: every request is still authorised per record.
 */
export function abilitiesOf(actor: Actor): MeResponse['abilities'] {
  const holds = (roles: readonly Role[]) => actor.grants.some((g) => roles.includes(g.role));
  /** Would `policy` allow this for an (active) organisation where the person holds a grant? */
  const atOwnNode = (policy: (a: Actor, org: { path: string; active: boolean }) => boolean) =>
    actor.grants.some((g) => policy(actor, { path: g.orgPath, active: true }));
  const unitIds = actor.grants.filter((g) => adminLevel(g.role) === 1).map((g) => g.orgId);
  return {
    // The original administration pages.
    manageOrgs: holds(ADMIN_ROLES),
    readOrgs: holds(ORG_READERS),
    readUsers: holds(USER_READERS),
    manageUsers: holds(ADMIN_ROLES),
    readAudit: orgPolicy.readAudit(actor),
    manageSettings: orgPolicy.manageSettings(actor),
    // The care programme's areas. Campaigns concern everyone who works in the programme (the class readers).
    campaigns: holds(CLASS_READERS),
    // Campaigns belong to the city: may the person change one owned where they hold a grant?
    createCampaign: actor.grants.some((g) => campaignPolicy.update(actor, { orgPath: g.orgPath })),
    classes: holds(CLASS_READERS),
    myClasses: holds(CLASS_READERS.filter(unitLevel)),
    createClass: unitIds.length > 0,
    allClasses: holds(CLASS_READERS.filter((r) => !unitLevel(r))),
    approvals: actor.grants.some((g) => adminLevel(g.role) >= TRANSITIONS.approve.level),
    venues: holds(VENUE_READERS),
    counterparties: holds(COUNTERPARTY_READERS),
    editLibraries: atOwnNode(venuePolicy.create) || atOwnNode(counterpartyPolicy.create),
    // The guardians list is scoped to the administrators' subtrees (families.routes.ts).
    guardians: holds(ADMIN_ROLES),
    // publishAgreement: an administrator over the unit (readiness.service.ts).
    agreements: actor.grants.some((g) => adminLevelOver(actor, g.orgPath) >= 1),
    incidents: holds(INCIDENT_READERS),
    // The rates overview is a supervision page: the administrators of the classes' units and above.
    attendanceRates: holds(ADMIN_ROLES),
    channels: channelPolicy.readLog(actor),
    readJobs: jobsPolicy.read(actor),
    supervision: holds(SUPERVISION_READERS),
    planVisits: holds(PLANNERS),
    inspect: holds(['inspector']),
    // Who reads reports reads them over their own subtree; what they may do with each row the list says.
    reports: holds(REPORT_READERS),
    news: holds(NEWS_WRITERS),
    selection: holds([...ADMIN_ROLES, 'auditor']),
    // Selection settings and panels belong to the city: would selectionPolicy.manage allow it where they hold a grant?
    manageSelection: actor.grants.some((g) => selectionPolicy.manage(actor, { orgPath: g.orgPath })),
    review: holds(['reviewer']),
    // 工会补贴: the paying unions' people (city and districts) and those who check them; 经费汇总: also the units.
    subsidies: holds(SUBSIDY_READERS),
    fundingSummary: holds(SUMMARY_READERS),
    unitIds,
    channelOrgIds: actor.grants
      .filter((g) => channelPolicy.manage(actor, { path: g.orgPath, active: true }))
      .map((g) => g.orgId),
  };
}

export async function describeMe(db: Db, actor: Actor, csrfToken: string): Promise<MeResponse> {
  const [u] = await db.select().from(users).where(eq(users.id, actor.userId));
  if (!u) throw new AppError('UNAUTHENTICATED');
  const grants = await db
    .select({ id: organizations.id, name: organizations.name, kind: organizations.kind })
    .from(organizations)
    .where(sql`${organizations.id} IN (${sql.join(actor.grants.map((g) => sql`${g.orgId}`).concat(sql`0`), sql`, `)})`);
  const orgById = new Map(grants.map((o) => [o.id, o]));
  const settings = await getSettings(db);
  const isAdmin = actor.grants.some((g) => ADMIN_ROLES.includes(g.role));
  return {
    user: {
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      phone: u.phone,
      mustChangePassword: u.mustChangePassword,
      totpEnabled: u.totpEnabled,
    },
    grants: actor.grants.map((g) => ({
      role: g.role,
      orgId: g.orgId,
      orgPath: g.orgPath,
      orgName: orgById.get(g.orgId)?.name ?? '',
      orgKind: (orgById.get(g.orgId)?.kind ?? 'unit') as MeResponse['grants'][number]['orgKind'],
    })),
    csrfToken,
    totpEnrollmentRequired: settings.requireTotpForAdmins && isAdmin && !u.totpEnabled,
    abilities: abilitiesOf(actor),
  };
}

export async function changePassword(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const [u] = await db.select().from(users).where(eq(users.id, actor.userId));
  if (!u || !(await verifyPassword(u.passwordHash, input.currentPassword))) {
    throw invalid('当前密码不正确', 'The current password is wrong');
  }
  assertPasswordAcceptable(input.newPassword, u.username);
  if (input.newPassword === input.currentPassword)
    throw invalid('新密码不能与当前密码相同', 'The new password must differ from the current one');
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: false, updatedAt: ctx.now, version: sql`${users.version} + 1` })
      .where(eq(users.id, u.id));
    // Other sessions of this person end: whoever knew the old password is signed out.
    await tx.delete(sessions).where(sql`${sessions.userId} = ${u.id} AND ${sessions.id} <> ${actor.sessionId}`);
    await recordEvent(tx, ctx, { action: 'user.change_password', entity: 'user', entityId: u.id });
  });
}

export async function startTotpSetup(db: Db, sealer: Sealer, ctx: RequestContext, actor: Actor) {
  const [u] = await db.select().from(users).where(eq(users.id, actor.userId));
  if (!u) throw new AppError('UNAUTHENTICATED');
  if (u.totpEnabled) throw invalid('双因素认证已启用', 'Two-factor sign-in is already enabled');
  const secret = newTotpSecret();
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ totpSecret: sealer.seal(secret), totpLastStep: null, updatedAt: ctx.now })
      .where(eq(users.id, u.id));
    await recordEvent(tx, ctx, { action: 'user.totp_setup', entity: 'user', entityId: u.id });
  });
  return { secret, uri: totpUri(secret, u.username, 'Tuoguan 爱心托管') };
}

export async function setTotpEnabled(
  db: Db,
  sealer: Sealer,
  ctx: RequestContext,
  actor: Actor,
  code: string,
  enable: boolean,
) {
  const [u] = await db.select().from(users).where(eq(users.id, actor.userId));
  if (!u?.totpSecret || u.totpEnabled === enable) throw invalid('请先生成密钥', 'Start the setup first');
  if (!(await acceptTotp(db, sealer, u.id, u.totpSecret, code, ctx.now))) throw new AppError('TOTP_INVALID');
  if (!enable) {
    const settings = await getSettings(db);
    const grants = await loadGrants(db, u.id);
    if (settings.requireTotpForAdmins && grants.some((g) => ADMIN_ROLES.includes(g.role))) {
      throw invalid(
        '市总要求管理员启用双因素认证，不能关闭',
        'The city requires two-factor sign-in for administrators',
      );
    }
  }
  const stored = u.totpSecret;
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({
        totpEnabled: enable,
        totpSecret: enable ? (isSealed(stored) ? stored : sealer.seal(stored)) : null,
        updatedAt: ctx.now,
      })
      .where(eq(users.id, u.id));
    await recordEvent(tx, ctx, {
      action: enable ? 'user.totp_enable' : 'user.totp_disable',
      entity: 'user',
      entityId: u.id,
      before: { totpEnabled: u.totpEnabled },
      after: { totpEnabled: enable },
    });
  });
}
