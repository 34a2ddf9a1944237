/**
 * Volunteers (P-F), the unit's side: a class posts calls for help; the unit reviews the applications (phones masked,
 * each reveal audited) and accepts a volunteer into the class's staff once the staff checks pass — the roster row is
 * added through the classes module (`addStaff`, its own `class.staff_add` event) and the volunteer gets an account
 * with the `volunteer` role on the unit (or an existing account with that phone is linked). Every write is one
 * transaction with its domain event.
 */
import { and, eq, sql } from 'drizzle-orm';
import { maxDate, todayInChina } from '../../../domain/calendar/dates.js';
import { maskPhone } from '../../../domain/people/mask.js';
import {
  callDateProblem,
  callTakesApplications,
  STAFF_ROLE_OF,
  staffCheckProblems,
  type CallKind,
  type VolunteerKind,
} from '../../../domain/volunteers/index.js';
import { findUserByLogin } from '../../auth/accounts.js';
import type { Actor } from '../../auth/actor.js';
import { hashPassword } from '../../auth/passwords.js';
import { authorize } from '../../auth/policy.js';
import type { RequestContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { careClasses, organizations, roleGrants, users } from '../../db/schema.js';
import { volunteerApplications, volunteerCalls } from '../../db/tables/volunteers.js';
import { AppError, conflict, invalid, notFound } from '../../errors.js';
import { recordEvent } from '../../events/audit.js';
import { findVisibleClass } from '../classes/classes.repo.js';
import { addStaff } from '../classes/classes.service.js';
import { temporaryPassword } from '../users/users.service.js';
import { callAbilities, volunteerPolicy, type CallRef } from './volunteers.policy.js';
import {
  type AppCounts,
  type ApplicationRecord,
  type CallRow,
  findApplication,
  findVisibleCall,
  headedClassIds,
} from './volunteers.repo.js';
import type { AcceptInput, ApplicationDto, CallDto, CreateCallInput, UpdateCallInput } from './volunteers.schema.js';

/** A class may ask for volunteers from approval until it closes. */
const POSTABLE_STATUSES = ['approved', 'open', 'running'];

export async function callRef(db: Db, actor: Actor, c: { classId: number; orgPath: string }): Promise<CallRef> {
  return { orgPath: c.orgPath, isHead: (await headedClassIds(db, actor.userId, [c.classId])).has(c.classId) };
}

export function presentCall(actor: Actor, c: CallRow, ref: CallRef, counts: AppCounts, today: string): CallDto {
  return {
    id: c.id,
    classId: c.classId,
    className: c.className,
    orgId: c.orgId,
    orgName: c.orgName,
    title: c.title,
    description: c.description,
    skills: c.skills,
    otherSkill: c.otherSkill,
    volunteerKind: c.volunteerKind as CallKind,
    startDate: c.startDate,
    endDate: c.endDate,
    schedule: c.schedule,
    hoursPerWeek: c.hoursPerWeek,
    wanted: c.wanted,
    status: c.status as CallDto['status'],
    takingApplications: callTakesApplications({ status: c.status as 'open', endDate: c.endDate }, today),
    counts,
    version: c.version,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    abilities: callAbilities(actor, ref),
  };
}

export function presentApplication(actor: Actor, a: ApplicationRecord, ref: CallRef): ApplicationDto {
  const decide = volunteerPolicy.decide(actor, ref) && a.status === 'pending';
  return {
    id: a.id,
    callId: a.callId,
    name: a.name,
    phone: maskPhone(a.phone) ?? '',
    kind: a.kind as VolunteerKind,
    employer: a.employer,
    skills: a.skills,
    availability: a.availability,
    note: a.note,
    status: a.status as ApplicationDto['status'],
    decidedAt: a.decidedAt,
    decisionNote: a.decisionNote,
    userId: a.userId,
    classStaffId: a.classStaffId,
    version: a.version,
    createdAt: a.createdAt,
    abilities: { decide, revealPhone: volunteerPolicy.revealPhone(actor, ref) },
  };
}

export async function loadCall(db: Db, actor: Actor, id: number): Promise<{ call: CallRow; ref: CallRef }> {
  const call = await findVisibleCall(db, actor, id);
  if (!call) throw notFound();
  return { call, ref: await callRef(db, actor, call) };
}

function checkDates(
  input: { startDate: string; endDate: string },
  cls: { startDate: string | null; endDate: string | null },
) {
  const p = callDateProblem(input.startDate, input.endDate);
  if (p) throw invalid(p.zh, p.en, 'body.endDate');
  if (cls.startDate && cls.endDate && (input.startDate < cls.startDate || input.endDate > cls.endDate))
    throw invalid(
      `招募日期须在托管班开班期间（${cls.startDate} 至 ${cls.endDate}）`,
      `The call's dates must lie within the class's dates (${cls.startDate} to ${cls.endDate})`,
      'body.startDate',
    );
}

export async function createCall(db: Db, ctx: RequestContext, actor: Actor, input: CreateCallInput): Promise<CallRow> {
  return db.transaction(async (tx) => {
    const cls = await findVisibleClass(tx, actor, input.classId);
    if (!cls) throw notFound();
    const [org] = await tx
      .select({ path: organizations.path })
      .from(organizations)
      .where(eq(organizations.id, cls.orgId));
    if (!org) throw notFound();
    const ref = await callRef(tx, actor, { classId: cls.id, orgPath: org.path });
    authorize(volunteerPolicy.post(actor, ref), true);
    if (!POSTABLE_STATUSES.includes(cls.status))
      throw conflict(
        '托管班审核通过后、结束前才能招募志愿者',
        'A class asks for volunteers between approval and closing',
      );
    checkDates(input, cls);
    const [row] = await tx
      .insert(volunteerCalls)
      .values({
        classId: cls.id,
        orgId: cls.orgId,
        title: input.title,
        description: input.description,
        skills: input.skills,
        otherSkill: input.skills.includes('other') ? (input.otherSkill ?? null) : null,
        volunteerKind: input.volunteerKind,
        startDate: input.startDate,
        endDate: input.endDate,
        schedule: input.schedule,
        hoursPerWeek: input.hoursPerWeek ?? null,
        wanted: input.wanted,
        status: 'open',
        createdBy: actor.userId,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning();
    if (!row) throw new AppError('INTERNAL');
    await recordEvent(tx, ctx, {
      action: 'volunteer_call.create',
      entity: 'volunteer_call',
      entityId: row.id,
      orgPath: org.path,
      after: row,
    });
    const call = await findVisibleCall(tx, actor, row.id);
    if (!call) throw new AppError('INTERNAL');
    return call;
  });
}

export async function updateCall(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  input: UpdateCallInput,
): Promise<CallRow> {
  return db.transaction(async (tx) => {
    const { call, ref } = await loadCall(tx, actor, id);
    authorize(volunteerPolicy.update(actor, ref), true);
    if (call.version !== input.version) throw new AppError('STALE_VERSION');
    const [cls] = await tx
      .select({ startDate: careClasses.startDate, endDate: careClasses.endDate })
      .from(careClasses)
      .where(eq(careClasses.id, call.classId));
    checkDates(input, cls ?? { startDate: null, endDate: null });
    const { version: _v, ...fields } = input;
    const [row] = await tx
      .update(volunteerCalls)
      .set({
        ...fields,
        otherSkill: input.skills.includes('other') ? (input.otherSkill ?? null) : null,
        hoursPerWeek: input.hoursPerWeek ?? null,
        version: sql`${volunteerCalls.version} + 1`,
        updatedAt: ctx.now,
      })
      .where(and(eq(volunteerCalls.id, id), eq(volunteerCalls.version, input.version)))
      .returning();
    if (!row) throw new AppError('STALE_VERSION');
    await recordEvent(tx, ctx, {
      action:
        input.status !== call.status
          ? `volunteer_call.${input.status === 'closed' ? 'close' : 'reopen'}`
          : 'volunteer_call.update',
      entity: 'volunteer_call',
      entityId: id,
      orgPath: call.orgPath,
      before: { ...call },
      after: row,
    });
    return { ...call, ...row };
  });
}

async function loadApplication(tx: Db, actor: Actor, id: number) {
  const app = await findApplication(tx, id);
  if (!app) throw notFound();
  const { call, ref } = await loadCall(tx, actor, app.callId);
  authorize(volunteerPolicy.listApplications(actor, ref), false);
  return { app, call, ref };
}

export async function revealApplicationPhone(db: Db, ctx: RequestContext, actor: Actor, id: number): Promise<string> {
  return db.transaction(async (tx) => {
    const { app, call, ref } = await loadApplication(tx, actor, id);
    authorize(volunteerPolicy.revealPhone(actor, ref), true);
    await recordEvent(tx, ctx, {
      action: 'volunteer_application.reveal_phone',
      entity: 'volunteer_application',
      entityId: id,
      orgPath: call.orgPath,
    });
    return app.phone;
  });
}

export async function declineApplication(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  input: { version: number; note: string },
) {
  return db.transaction(async (tx) => {
    const { app, call, ref } = await loadApplication(tx, actor, id);
    authorize(volunteerPolicy.decide(actor, ref), true);
    if (app.status !== 'pending') throw conflict('该报名已处理', 'This application has been decided');
    const [row] = await tx
      .update(volunteerApplications)
      .set({
        status: 'declined',
        decidedBy: actor.userId,
        decidedAt: ctx.now,
        decisionNote: input.note,
        version: sql`${volunteerApplications.version} + 1`,
      })
      .where(and(eq(volunteerApplications.id, id), eq(volunteerApplications.version, input.version)))
      .returning();
    if (!row) throw new AppError('STALE_VERSION');
    await recordEvent(tx, ctx, {
      action: 'volunteer_application.decline',
      entity: 'volunteer_application',
      entityId: id,
      orgPath: call.orgPath,
      after: { status: 'declined', note: input.note },
    });
    return { app: row, ref };
  });
}

export interface AcceptOutcome {
  app: ApplicationRecord;
  ref: CallRef;
  account: { userId: number; username: string; initialPassword: string | null; linkedExisting: boolean };
}

/**
 * Accepts a volunteer: the staff checks (health certificate valid on the first day, background check) must pass,
 * the call must have a place left, and the phone either finds an active account (linked, given the volunteer
 * role on the unit) or a new account is made with a temporary password the volunteer must change.
 */
export async function acceptApplication(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  input: AcceptInput,
): Promise<AcceptOutcome> {
  const today = todayInChina(ctx.now);
  // The password hash is slow: made before the transaction, used only when no account has this phone.
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const { app, call, ref } = await loadApplication(tx, actor, id);
    authorize(volunteerPolicy.decide(actor, ref), true);
    if (app.status !== 'pending') throw conflict('该报名已处理', 'This application has been decided');
    if (app.version !== input.version) throw new AppError('STALE_VERSION');
    const problems = staffCheckProblems(
      { healthCertDate: input.healthCertDate, backgroundCheckDate: input.backgroundCheckDate },
      maxDate(call.startDate, today),
      today,
    );
    if (problems.length > 0) {
      throw new AppError(
        'VALIDATION_FAILED',
        { details: { zh: problems.map((p) => p.zh).join('；'), en: problems.map((p) => p.en).join('; ') } },
        { details: problems.map((p) => ({ path: `body.${p.field}`, message: { zh: p.zh, en: p.en } })) },
      );
    }
    const [taken] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(volunteerApplications)
      .where(and(eq(volunteerApplications.callId, call.id), eq(volunteerApplications.status, 'accepted')));
    if ((taken?.n ?? 0) >= call.wanted)
      throw conflict(`本次招募 ${call.wanted} 人已满`, `All ${call.wanted} places of this call are filled`);

    // The account: an existing one with this phone is linked; otherwise one is made.
    const existing = await findUserByLogin(tx, app.phone);
    let account: AcceptOutcome['account'];
    if (existing) {
      if (!existing.active)
        throw conflict('该手机号对应的账号已停用，请先在人员管理中启用', 'The account with this phone is deactivated');
      account = { userId: existing.id, username: existing.username, initialPassword: null, linkedExisting: true };
    } else {
      const [u] = await tx
        .insert(users)
        .values({
          username: app.phone,
          displayName: app.name,
          phone: app.phone,
          passwordHash,
          mustChangePassword: true,
          createdAt: ctx.now,
          updatedAt: ctx.now,
        })
        .returning();
      if (!u) throw new AppError('INTERNAL');
      await recordEvent(tx, ctx, {
        action: 'user.create',
        entity: 'user',
        entityId: u.id,
        orgPath: call.orgPath,
        after: {
          username: u.username,
          displayName: u.displayName,
          phone: u.phone,
          role: 'volunteer',
          orgId: call.orgId,
        },
      });
      account = { userId: u.id, username: u.username, initialPassword: password, linkedExisting: false };
    }
    const granted = await tx
      .insert(roleGrants)
      .values({
        userId: account.userId,
        role: 'volunteer',
        orgId: call.orgId,
        grantedBy: actor.userId,
        createdAt: ctx.now,
      })
      .onConflictDoNothing()
      .returning({ id: roleGrants.id });
    if (granted.length > 0)
      await recordEvent(tx, ctx, {
        action: 'user.grant',
        entity: 'user',
        entityId: account.userId,
        orgPath: call.orgPath,
        after: { role: 'volunteer', orgId: call.orgId },
      });

    const staff = await addStaff(tx, ctx, actor, call.classId, {
      classId: call.classId,
      userId: account.userId,
      name: app.name,
      role: STAFF_ROLE_OF[app.kind as VolunteerKind],
      phone: app.phone,
      qualification: app.employer ? `工作单位：${app.employer}` : null,
      healthCertDate: input.healthCertDate,
      backgroundChecked: input.backgroundCheckDate !== null,
      backgroundCheckDate: input.backgroundCheckDate,
    });
    const [row] = await tx
      .update(volunteerApplications)
      .set({
        status: 'accepted',
        decidedBy: actor.userId,
        decidedAt: ctx.now,
        decisionNote: input.note ?? null,
        classStaffId: staff.id,
        userId: account.userId,
        version: sql`${volunteerApplications.version} + 1`,
      })
      .where(and(eq(volunteerApplications.id, id), eq(volunteerApplications.version, input.version)))
      .returning();
    if (!row) throw new AppError('STALE_VERSION');
    await recordEvent(tx, ctx, {
      action: 'volunteer_application.accept',
      entity: 'volunteer_application',
      entityId: id,
      orgPath: call.orgPath,
      after: {
        status: 'accepted',
        classStaffId: staff.id,
        userId: account.userId,
        linkedExisting: account.linkedExisting,
        healthCertDate: input.healthCertDate,
        backgroundCheckDate: input.backgroundCheckDate,
      },
    });
    return { app: row, ref, account };
  });
}
