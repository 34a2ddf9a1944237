/**
 * Enrolment (报名): a verified guardian applies for a child; eligibility is checked by the programme's rules;
 * first-come-first-served classes decide at once under the class lock, lottery classes collect applications
 * until the draw. Withdrawals and expiries pass places on (allocation.ts). Each write is one transaction (or, on
 * the fast path of applying, one statement) with its audit row.
 */
import { eq, sql } from 'drizzle-orm';
import { datesOverlap, decidePlace, type PlaceGuard, placeGuard } from '../../../domain/enrolment/capacity.js';
import { applicationIneligibility, type IneligibleReason } from '../../../domain/enrolment/eligibility.js';
import { priorityGroupOf } from '../../../domain/enrolment/lottery.js';
import { isLiveStatus } from '../../../domain/enrolment/statuses.js';
import type { Actor } from '../../auth/actor.js';
import { authorize } from '../../auth/policy.js';
import type { RequestContext } from '../../context.js';
import type { Database, Db } from '../../db/client.js';
import { fromDriverRow, pgErrorCode, rowsOf } from '../../db/rows.js';
import { classEnrolment, enrolments } from '../../db/schema.js';
import { AppError, conflict, invalid, notFound } from '../../errors.js';
import { auditInsertSql, recordEvent, runSubscribers } from '../../events/audit.js';
import { type EnrolmentRow, lockClass, releasePlace } from './allocation.js';
import { applicantPolicy, enrolmentPolicy, enrolmentRef } from './enrolments.policy.js';
import {
  type ApplicationRead,
  type EnrolmentRow as VisibleEnrolment,
  findVisibleEnrolment,
  preparedReadForApplication,
  readForApplication,
} from './enrolments.repo.js';

const GRADE_ZH: Record<string, string> = {
  K: '幼儿园',
  '1': '一年级',
  '2': '二年级',
  '3': '三年级',
  '4': '四年级',
  '5': '五年级',
  '6': '六年级',
};

/** P-R1 at application, in the caller's words (the rule itself is `applicationIneligibility`). */
function refusal(reason: IneligibleReason, grade: string): AppError {
  switch (reason) {
    case 'kindergartenNotTaken':
      return invalid('本托管班不招收幼儿园阶段的孩子', 'This class does not take kindergarten children');
    case 'kindergartenSelfCare':
      return invalid(
        '幼儿园阶段的孩子须具有自理能力（P-R1）',
        'A kindergarten child must be able to look after themselves (P-R1)',
      );
    case 'gradeNotTaken':
      return invalid(`本托管班不招收${GRADE_ZH[grade] ?? grade}的孩子`, `This class does not take grade ${grade}`);
  }
}

/** What one application will write, decided from the class's counters as read. */
interface Decision {
  values: typeof enrolments.$inferInsert;
  places: number;
  kindergarten: number;
  ownerPath: string;
  /** What the counters must still satisfy for the decision to stand (checked by the optimistic write). */
  guard: PlaceGuard;
  event: { action: string; entity: string; orgPath: string; after: Record<string, unknown> };
}

/**
 * Applies for a child. The hot path of a registration-opening surge: first optimistically, outside any transaction —
 * one read, the decision, and one statement that stores the application, moves the counters only if they still
 * satisfy the decision's guard (`placeGuard`: for a primary-school child just "a place is free" or "the class is
 * full", so others applying in between do not spoil it) and appends the audit row, all or nothing. If the guard no
 * longer holds, it reads and decides again; after a few tries (or if anything else is unusual) it takes the class's
 * row lock in a transaction, as every other change to places does. Either way the same checks and `decidePlace`
 * decide.
 */
export async function apply(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  input: { classId: number; childId: number },
  database?: Database,
): Promise<{ enrolment: EnrolmentRow; ownerPath: string }> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const read = database
      ? await preparedReadForApplication(database, input.classId, actor.userId, input.childId)
      : await readForApplication(db, input.classId, actor.userId, input.childId, false);
    if (!read) break; // no enrolment row for the class yet: the locked path makes it
    const d = decide(read, ctx, actor);
    const row = await writeApplication(db, ctx, d, true);
    if (row) {
      await runSubscribers(db, ctx, { ...d.event, entityId: row.id });
      return { enrolment: row, ownerPath: d.ownerPath };
    }
  }
  return db.transaction(async (tx) => {
    const locked = await readForApplication(tx, input.classId, actor.userId, input.childId, true);
    if (!locked) throw notFound();
    const d = decide(locked, ctx, actor);
    const row = await writeApplication(tx, ctx, d, false);
    if (!row) throw new AppError('INTERNAL');
    await runSubscribers(tx, ctx, { ...d.event, entityId: row.id });
    return { enrolment: row, ownerPath: d.ownerPath };
  });
}

/** The checks of an application and the place decision (P-R1 eligibility, window, duplicates, capacity). */
function decide(r: ApplicationRead, ctx: RequestContext, actor: Actor): Decision {
  if (!r.g || !r.child) throw notFound();
  const { counters, cls, ownerPath, live, g, child } = r;
  authorize(applicantPolicy.apply(g), true);
  const campaign = r.params;
  if (cls.status !== 'open' || !r.mayJoin) throw notFound();
  const now = ctx.now;
  if (counters.windowOpensAt && now < counters.windowOpensAt)
    throw invalid('报名尚未开始', 'Applications have not opened yet');
  if (counters.windowClosesAt && now >= counters.windowClosesAt)
    throw invalid('报名已截止', 'Applications have closed');
  const ineligible = applicationIneligibility(child, cls.gradesOffered, campaign.eligibility);
  if (ineligible) throw refusal(ineligible, child.grade);
  if (live.some((l) => l.classId === cls.id))
    throw conflict('已为该孩子报名本托管班', 'This child has already applied to this class');
  const clash = live.find(
    (l) => l.start && l.end && cls.startDate && cls.endDate && datesOverlap(l.start, l.end, cls.startDate, cls.endDate),
  );
  if (clash)
    throw conflict(
      `该孩子已报名时间重叠的「${clash.name}」`,
      `The child already holds an application in an overlapping class (${clash.name})`,
    );
  const priorityGroup = priorityGroupOf(campaign.enrolment?.priorityGroups ?? [], g.priorityFlags);
  let status: 'applied' | 'accepted' | 'waitlisted' = 'applied';
  let reason: string | null = null;
  // A lottery class's application waits for the draw: it stands only on the counters exactly as read.
  let guard: PlaceGuard = {
    kind: 'exactly',
    taken: counters.placesTaken,
    kindergartenTaken: counters.kindergartenTaken,
  };
  if (counters.allocation === 'fcfs') {
    const seen = {
      capacity: cls.capacity ?? 0,
      taken: counters.placesTaken,
      kindergartenTaken: counters.kindergartenTaken,
    };
    const p = decidePlace(seen, child.grade === 'K', campaign.eligibility.kindergartenMaxShare);
    status = p.kind === 'place' ? 'accepted' : 'waitlisted';
    reason = p.kind === 'waitlist' ? p.reason : null;
    guard = placeGuard(seen, child.grade === 'K', p);
  }
  const places = status === 'accepted' ? 1 : 0;
  return {
    values: {
      classId: cls.id,
      childId: child.id,
      familyId: g.familyId,
      appliedBy: actor.userId,
      status,
      reason,
      priorityGroup,
      appliedAt: now,
      acceptedAt: status === 'accepted' ? now : null,
      feeStatus: cls.feeAmount > 0 ? 'due' : 'none',
    },
    places,
    kindergarten: places && child.grade === 'K' ? 1 : 0,
    ownerPath,
    guard,
    event: {
      action: 'enrolment.apply',
      entity: 'enrolment',
      orgPath: ownerPath,
      after: { classId: cls.id, childId: child.id, status, reason, priorityGroup },
    },
  };
}

/**
 * Stores the application, moves the counters and appends the audit row in one statement. With `compareAndSet`
 * (outside a transaction) the counters must still satisfy the decision's guard, checked under a lock on the
 * counters row so that the check and the write are one step: the UPDATE's own lock when a place is taken, else
 * (waitlisted, or waiting for a lottery) a shared lock, which other such applications share while a change that
 * frees or takes places (its exclusive lock) waits for them or they for it. If the guard no longer holds nothing is
 * written and the answer is null; a unique violation (the same child applying twice at once) also answers null, and
 * the locked path then says why.
 */
async function writeApplication(db: Db, ctx: RequestContext, d: Decision, compareAndSet: boolean) {
  const insert = db.insert(enrolments).values(d.values).returning();
  const classId = d.values.classId;
  const cas = compareAndSet ? sql` AND ${guardSql(d.guard)}` : sql``;
  const counters =
    compareAndSet && d.places === 0
      ? sql`SELECT class_id FROM ${classEnrolment} WHERE class_id = ${classId}${cas} FOR SHARE`
      : sql`UPDATE ${classEnrolment}
          SET places_taken = places_taken + ${d.places}::int, kindergarten_taken = kindergarten_taken + ${d.kindergarten}::int
        WHERE class_id = ${classId}${cas} RETURNING class_id`;
  let res: unknown;
  try {
    res = await db.execute(sql`WITH moved AS (${counters}),
      ins AS (${insert.getSQL()}),
      audited AS (${auditInsertSql(ctx, d.event, sql`SELECT id FROM ins`)})
      SELECT ins.*, 1 / (CASE WHEN (SELECT count(*) FROM moved) = 1 THEN 1 ELSE 0 END) AS guard FROM ins`);
  } catch (e) {
    const code = pgErrorCode(e);
    if (compareAndSet && (code === '22012' || code === '23505')) return null;
    throw e;
  }
  const raw = rowsOf<Record<string, unknown>>(res)[0];
  if (!raw) throw new AppError('INTERNAL');
  const row: EnrolmentRow = fromDriverRow(enrolments, raw);
  return row;
}

/** The SQL form of `guardHolds` over the class's counters row (the write's compare-and-set). */
function guardSql(g: PlaceGuard) {
  if (g.kind === 'below') return sql`places_taken < ${g.capacity}::int`;
  if (g.kind === 'atLeast') return sql`places_taken >= ${g.capacity}::int`;
  return sql`places_taken = ${g.taken}::int AND kindergarten_taken = ${g.kindergartenTaken}::int`;
}

/** Loads an application the caller may see (their family's, or as an administrator of its class); else 404. */
export async function loadEnrolment(tx: Db, actor: Actor, id: number): Promise<VisibleEnrolment> {
  const row = await findVisibleEnrolment(tx, actor, id);
  if (!row) throw notFound();
  authorize(enrolmentPolicy.read(actor, enrolmentRef(row)), false);
  return row;
}

export async function confirmOffer(db: Db, ctx: RequestContext, actor: Actor, id: number) {
  return db.transaction(async (tx) => {
    const loaded = await loadEnrolment(tx, actor, id);
    authorize(enrolmentPolicy.confirm(actor, enrolmentRef(loaded)), true);
    const { e, ownerPath } = loaded;
    await lockClass(tx, e.classId);
    const [fresh] = await tx.select().from(enrolments).where(eq(enrolments.id, id));
    if (fresh?.status !== 'offered') throw conflict('该名额不在待确认状态', 'There is no offer to confirm');
    if (fresh.offerExpiresAt && fresh.offerExpiresAt <= ctx.now)
      throw conflict('确认期限已过，名额已顺延', 'The offer has expired');
    const [row] = await tx
      .update(enrolments)
      .set({ status: 'accepted', acceptedAt: ctx.now, version: fresh.version + 1 })
      .where(eq(enrolments.id, id))
      .returning();
    await recordEvent(tx, ctx, {
      action: 'enrolment.confirm',
      entity: 'enrolment',
      entityId: id,
      orgPath: ownerPath,
      before: { status: 'offered' },
      after: { classId: e.classId, status: 'accepted' },
    });
    return row;
  });
}

export async function withdraw(db: Db, ctx: RequestContext, actor: Actor, id: number, reason: string) {
  return db.transaction(async (tx) => {
    const loaded = await loadEnrolment(tx, actor, id);
    authorize(enrolmentPolicy.withdraw(actor, enrolmentRef(loaded)), true);
    const { e, grade, ownerPath } = loaded;
    await lockClass(tx, e.classId);
    const [fresh] = await tx.select().from(enrolments).where(eq(enrolments.id, id));
    if (!fresh || !isLiveStatus(fresh.status)) throw conflict('该报名已结束', 'This application is no longer live');
    await tx
      .update(enrolments)
      .set({ status: 'withdrawn', withdrawnAt: ctx.now, reason, version: fresh.version + 1 })
      .where(eq(enrolments.id, id));
    await recordEvent(tx, ctx, {
      action: 'enrolment.withdraw',
      entity: 'enrolment',
      entityId: id,
      orgPath: ownerPath,
      before: { status: fresh.status },
      after: { classId: e.classId, status: 'withdrawn', reason },
    });
    await releasePlace(tx, ctx, fresh, grade);
  });
}
