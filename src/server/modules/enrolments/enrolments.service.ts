/**
 * Enrolment (报名): a verified guardian applies for a child; eligibility is checked by the programme's rules;
 * first-come-first-served classes decide at once under the class lock, lottery classes collect applications
 * until the draw. Withdrawals and expiries pass places on (allocation.ts).
 */
import { and, eq, ne, sql } from 'drizzle-orm';
import type { Campaign } from '../../../domain/campaign/index.js';
import { datesOverlap, decidePlace } from '../../../domain/enrolment/capacity.js';
import { priorityGroupOf } from '../../../domain/enrolment/lottery.js';
import type { Actor } from '../../auth/actor.js';
import { adminLevelOver, authorize } from '../../auth/policy.js';
import type { RequestContext } from '../../context.js';
import type { Database, Db } from '../../db/client.js';
import { fromDriverRow, pgErrorCode, rowsOf } from '../../db/rows.js';
import {
  campaigns,
  careClasses,
  children,
  classEnrolment,
  classUnits,
  enrolments,
  guardians,
  organizations,
} from '../../db/schema.js';
import { AppError, conflict, invalid, notFound } from '../../errors.js';
import { auditInsertSql, recordEvent, runSubscribers } from '../../events/audit.js';
import { type EnrolmentRow, LIVE, lockClass, releasePlace } from './allocation.js';

const GRADE_ZH: Record<string, string> = {
  K: '幼儿园',
  '1': '一年级',
  '2': '二年级',
  '3': '三年级',
  '4': '四年级',
  '5': '五年级',
  '6': '六年级',
};

/** The guardian's family and employer, if verified. */
export async function verifiedGuardian(db: Db, userId: number) {
  const [g] = await db.select().from(guardians).where(eq(guardians.userId, userId));
  return g;
}

/** P-R1 at application: the grade is one the campaign and the class accept; kindergarten needs self-care. */
function checkEligibility(
  child: typeof children.$inferSelect,
  cls: typeof careClasses.$inferSelect,
  campaign: Campaign,
) {
  const offered = (cls.gradesOffered as (number | string)[]).map(String);
  if (child.grade === 'K') {
    if (campaign.eligibility.kindergartenMaxShare <= 0 || (offered.length > 0 && !offered.includes('K'))) {
      throw invalid('本托管班不招收幼儿园阶段的孩子', 'This class does not take kindergarten children');
    }
    if (campaign.eligibility.kindergartenSelfCareRequired && child.selfCare !== true) {
      throw invalid(
        '幼儿园阶段的孩子须具有自理能力（P-R1）',
        'A kindergarten child must be able to look after themselves (P-R1)',
      );
    }
    return;
  }
  const g = Number(child.grade);
  if (
    !(campaign.eligibility.gradesAllowed as number[]).includes(g) ||
    (offered.length > 0 && !offered.includes(String(g)))
  ) {
    throw invalid(
      `本托管班不招收${GRADE_ZH[child.grade] ?? child.grade}的孩子`,
      `This class does not take grade ${child.grade}`,
    );
  }
}

/** What one application will write, decided from the class's counters as read. */
interface Decision {
  values: typeof enrolments.$inferInsert;
  places: number;
  kindergarten: number;
  ownerPath: string;
  seen: { placesTaken: number; kindergartenTaken: number };
  event: { action: string; entity: string; orgPath: string; after: Record<string, unknown> };
}

/**
 * Applies for a child. The hot path of a registration-opening surge: first optimistically, outside any transaction —
 * one read, the decision, and one statement that stores the application, moves the counters only if they are still
 * what was read (compare-and-set) and appends the audit row, all or nothing. If another application to the same
 * class got in between, it tries again; after a few tries (or if anything else is unusual) it takes the class's row
 * lock in a transaction, as every other change to places does. Either way the same checks and `decidePlace` decide.
 */
export async function apply(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  input: { classId: number; childId: number },
  database?: Database,
): Promise<EnrolmentRow> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const read = database
      ? await preparedReadForApplication(database, input.classId, actor.userId, input.childId)
      : await readForApplication(db, input.classId, actor.userId, input.childId, false);
    if (!read) break; // no enrolment row for the class yet: the locked path makes it
    const d = decide(read, ctx, actor);
    const row = await writeApplication(db, ctx, d, true);
    if (row) {
      await runSubscribers(db, ctx, { ...d.event, entityId: row.id });
      return row;
    }
  }
  return db.transaction(async (tx) => {
    const locked = await readForApplication(tx, input.classId, actor.userId, input.childId, true);
    if (!locked) throw notFound();
    const d = decide(locked, ctx, actor);
    const row = await writeApplication(tx, ctx, d, false);
    if (!row) throw new AppError('INTERNAL');
    await runSubscribers(tx, ctx, { ...d.event, entityId: row.id });
    return row;
  });
}

/** The checks of an application and the place decision (P-R1 eligibility, window, duplicates, capacity). */
function decide(
  r: NonNullable<Awaited<ReturnType<typeof readForApplication>>>,
  ctx: RequestContext,
  actor: Actor,
): Decision {
  if (!r.g || !r.child) throw notFound();
  const { counters, cls, ownerPath, live, g, child } = r;
  if (g.status !== 'verified') throw new AppError('FORBIDDEN');
  const campaign = r.params as Campaign;
  if (cls.status !== 'open' || !r.mayJoin) throw notFound();
  const now = ctx.now;
  if (counters.windowOpensAt && now < counters.windowOpensAt)
    throw invalid('报名尚未开始', 'Applications have not opened yet');
  if (counters.windowClosesAt && now >= counters.windowClosesAt)
    throw invalid('报名已截止', 'Applications have closed');
  checkEligibility(child, cls, campaign);
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
  const priorityGroup = priorityGroupOf(campaign.enrolment?.priorityGroups ?? [], g.priorityFlags as string[]);
  let status: 'applied' | 'accepted' | 'waitlisted' = 'applied';
  let reason: string | null = null;
  if (counters.allocation === 'fcfs') {
    const p = decidePlace(
      { capacity: cls.capacity ?? 0, taken: counters.placesTaken, kindergartenTaken: counters.kindergartenTaken },
      child.grade === 'K',
      campaign.eligibility.kindergartenMaxShare,
    );
    status = p.kind === 'place' ? 'accepted' : 'waitlisted';
    reason = p.kind === 'waitlist' ? p.reason : null;
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
    seen: { placesTaken: counters.placesTaken, kindergartenTaken: counters.kindergartenTaken },
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
 * (outside a transaction) the counters must still be what the decision saw, else nothing is written and the answer
 * is null; a unique violation (the same child applying twice at once) also answers null, and the locked path
 * then says why.
 */
async function writeApplication(db: Db, ctx: RequestContext, d: Decision, compareAndSet: boolean) {
  const insert = db.insert(enrolments).values(d.values).returning();
  const cas = compareAndSet
    ? sql` AND places_taken = ${d.seen.placesTaken}::int AND kindergarten_taken = ${d.seen.kindergartenTaken}::int`
    : sql``;
  let res: unknown;
  try {
    res = await db.execute(sql`WITH moved AS (UPDATE ${classEnrolment}
          SET places_taken = places_taken + ${d.places}::int, kindergarten_taken = kindergarten_taken + ${d.kindergarten}::int
        WHERE class_id = ${d.values.classId}${cas} RETURNING class_id),
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

/**
 * The unlocked read of the optimistic attempt as one prepared statement (parsed and planned once per connection):
 * the same facts as readForApplication, each table's row as JSON mapped back as Drizzle would.
 */
async function preparedReadForApplication(database: Database, classId: number, userId: number, childId: number) {
  const [r] = await database.prepared<{
    counters: Record<string, unknown>;
    cls: Record<string, unknown>;
    params: unknown;
    owner_path: string;
    g: Record<string, unknown> | null;
    child: Record<string, unknown> | null;
    may_join: boolean;
    live: LiveApplication[] | string;
  }>('enrolment_apply_read', APPLY_READ_SQL, [classId, userId, childId]);
  if (!r) return undefined;
  const obj = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v) as Record<string, unknown>;
  return {
    counters: fromDriverRow(classEnrolment, obj(r.counters)),
    cls: fromDriverRow(careClasses, obj(r.cls)),
    params: typeof r.params === 'string' ? JSON.parse(r.params) : r.params,
    ownerPath: r.owner_path,
    g: r.g ? fromDriverRow(guardians, obj(r.g)) : null,
    child: r.child ? fromDriverRow(children, obj(r.child)) : null,
    mayJoin: r.may_join,
    live: typeof r.live === 'string' ? (JSON.parse(r.live) as LiveApplication[]) : r.live,
  };
}

const APPLY_READ_SQL = `
SELECT row_to_json(ce) AS counters, row_to_json(c) AS cls, camp.params, o.path AS owner_path,
       (SELECT row_to_json(g) FROM guardians g WHERE g.user_id = $2) AS g,
       (SELECT row_to_json(ch) FROM children ch JOIN guardians g3 ON g3.family_id = ch.family_id
         WHERE g3.user_id = $2 AND ch.id = $3 AND ch.active) AS child,
       EXISTS (SELECT 1 FROM guardians g1 JOIN guardians g2 ON g2.family_id = g1.family_id
                 JOIN organizations eo ON eo.id = g2.employer_org_id
                WHERE g1.user_id = $2 AND g2.status = 'verified'
                  AND CASE WHEN ce.open_to_all THEN eo.path LIKE '/' || split_part(o.path, '/', 2) || '/%'
                      ELSE EXISTS (SELECT 1 FROM class_units cu WHERE cu.class_id = $1 AND cu.org_id = g2.employer_org_id)
                      END) AS may_join,
       (SELECT coalesce(json_agg(json_build_object('classId', e.class_id, 'start', c2.start_date, 'end', c2.end_date,
                 'name', c2.name)), '[]'::json)
          FROM enrolments e JOIN care_classes c2 ON c2.id = e.class_id
         WHERE e.child_id = $3 AND e.status IN ('applied', 'offered', 'accepted', 'waitlisted')) AS live
  FROM class_enrolment ce
  JOIN care_classes c ON c.id = ce.class_id
  JOIN campaigns camp ON camp.id = c.campaign_id
  JOIN organizations o ON o.id = c.org_id
 WHERE ce.class_id = $1`;

interface LiveApplication {
  classId: number;
  start: string | null;
  end: string | null;
  name: string;
}

/**
 * Reads (and with `lock`, row-locks) the class's enrolment counters and, in the same query, the class, its campaign's
 * parameters, its owner's path, the applying guardian and child, whether the family may join (a verified guardian's
 * employer shares the class, or the class is open to the whole city) and the child's live applications with their
 * dates. Undefined when the class does not exist (or, unlocked, has no enrolment row yet).
 */
async function readForApplication(tx: Db, classId: number, userId: number, childId: number, lock: boolean) {
  const query = () =>
    tx
      .select({
        counters: classEnrolment,
        cls: careClasses,
        params: campaigns.params,
        ownerPath: organizations.path,
        g: guardians,
        child: children,
        mayJoin: sql<boolean>`EXISTS (
          SELECT 1 FROM ${guardians} g2 JOIN ${organizations} eo ON eo.id = g2.employer_org_id
          WHERE g2.family_id = ${guardians.familyId} AND g2.status = 'verified'
            AND CASE WHEN ${classEnrolment.openToAll}
              THEN eo.path LIKE '/' || split_part(${organizations.path}, '/', 2) || '/%'
              ELSE EXISTS (SELECT 1 FROM ${classUnits} cu WHERE cu.class_id = ${classId} AND cu.org_id = g2.employer_org_id)
            END)`,
        live: sql<LiveApplication[]>`(
          SELECT coalesce(json_agg(json_build_object('classId', e.class_id, 'start', c2.start_date, 'end', c2.end_date,
            'name', c2.name)), '[]'::json)
          FROM ${enrolments} e JOIN ${careClasses} c2 ON c2.id = e.class_id
          WHERE e.child_id = ${childId} AND e.status IN ('applied', 'offered', 'accepted', 'waitlisted'))`,
      })
      .from(classEnrolment)
      .innerJoin(careClasses, eq(careClasses.id, classEnrolment.classId))
      .innerJoin(campaigns, eq(campaigns.id, careClasses.campaignId))
      .innerJoin(organizations, eq(organizations.id, careClasses.orgId))
      .leftJoin(guardians, eq(guardians.userId, userId))
      .leftJoin(
        children,
        and(eq(children.familyId, guardians.familyId), eq(children.id, childId), eq(children.active, true)),
      )
      .where(eq(classEnrolment.classId, classId));
  const read = () => (lock ? query().for('update', { of: classEnrolment }) : query());
  let [row] = await read();
  if (!row && !lock) return undefined;
  if (!row) {
    const [exists] = await tx.select({ id: careClasses.id }).from(careClasses).where(eq(careClasses.id, classId));
    if (!exists) return undefined;
    await tx.insert(classEnrolment).values({ classId }).onConflictDoNothing();
    [row] = await read();
  }
  if (!row) return undefined;
  const live = typeof row.live === 'string' ? (JSON.parse(row.live) as LiveApplication[]) : row.live;
  return { ...row, live };
}

/** Loads an enrolment its family or the class's administrators may act on. */
export async function loadEnrolment(tx: Db, actor: Actor, id: number) {
  const [row] = await tx
    .select({ e: enrolments, grade: children.grade, ownerPath: organizations.path })
    .from(enrolments)
    .innerJoin(children, eq(children.id, enrolments.childId))
    .innerJoin(careClasses, eq(careClasses.id, enrolments.classId))
    .innerJoin(organizations, eq(organizations.id, careClasses.orgId))
    .where(eq(enrolments.id, id));
  if (!row) throw notFound();
  const g = await verifiedGuardian(tx, actor.userId);
  const own = !!g && g.familyId === row.e.familyId;
  const admin = adminLevelOver(actor, row.ownerPath) >= 1;
  authorize(own || admin, false);
  return { ...row, own, admin };
}

export async function confirmOffer(db: Db, ctx: RequestContext, actor: Actor, id: number) {
  return db.transaction(async (tx) => {
    const { e, own, ownerPath } = await loadEnrolment(tx, actor, id);
    authorize(own, true);
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
    const { e, grade, ownerPath } = await loadEnrolment(tx, actor, id);
    await lockClass(tx, e.classId);
    const [fresh] = await tx.select().from(enrolments).where(eq(enrolments.id, id));
    if (!fresh || !(LIVE as readonly string[]).includes(fresh.status))
      throw conflict('该报名已结束', 'This application is no longer live');
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

/** Places left and whether the family may still apply, for the parents' class list. */
export async function openClassesFor(db: Db, actor: Actor) {
  const g = await verifiedGuardian(db, actor.userId);
  if (!g) return [];
  const rows = await db.execute(sql`
    SELECT c.id, c.name, c.start_date, c.end_date, c.fee_amount, c.fee_note, c.meals, c.capacity, c.daily_start, c.daily_end,
           c.grades_offered, c.public_description, o.name AS org_name, ce.allocation, ce.window_opens_at, ce.window_closes_at,
           coalesce(ce.places_taken, 0) AS places_taken
      FROM care_classes c
      JOIN organizations o ON o.id = c.org_id
      LEFT JOIN class_enrolment ce ON ce.class_id = c.id
     WHERE c.status = 'open'
       AND (EXISTS (SELECT 1 FROM class_units cu JOIN guardians gg ON gg.employer_org_id = cu.org_id
                     WHERE cu.class_id = c.id AND gg.family_id = ${g.familyId} AND gg.status = 'verified')
            OR coalesce(ce.open_to_all, false))
     ORDER BY c.start_date NULLS LAST, c.id`);
  return (rows as unknown as { rows: Record<string, unknown>[] }).rows;
}

export async function enrolmentsOfFamily(db: Db, familyId: number) {
  return db
    .select({
      e: enrolments,
      className: careClasses.name,
      childName: children.name,
      startDate: careClasses.startDate,
      endDate: careClasses.endDate,
    })
    .from(enrolments)
    .innerJoin(careClasses, eq(careClasses.id, enrolments.classId))
    .innerJoin(children, eq(children.id, enrolments.childId))
    .where(and(eq(enrolments.familyId, familyId), ne(enrolments.status, 'rejected')))
    .orderBy(enrolments.id);
}
