/**
 * Enrolment (报名): a verified guardian applies for a child; eligibility is checked by the programme's rules;
 * first-come-first-served classes decide at once under the class lock, lottery classes collect applications
 * until the draw. Withdrawals and expiries pass places on (allocation.ts).
 */
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Campaign } from '../../../domain/campaign/index.js';
import { datesOverlap, decidePlace } from '../../../domain/enrolment/capacity.js';
import { priorityGroupOf } from '../../../domain/enrolment/lottery.js';
import type { Actor } from '../../auth/actor.js';
import { adminLevelOver, authorize } from '../../auth/policy.js';
import type { RequestContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { careClasses, children, classUnits, enrolments, guardians, organizations } from '../../db/schema.js';
import { AppError, conflict, invalid, notFound } from '../../errors.js';
import { recordEvent } from '../../events/audit.js';
import type { MessageSender } from '../../messaging/sender.js';
import { adjustCounters, type EnrolmentRow, LIVE, lockClass, releasePlace } from './allocation.js';

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

/** May this family apply to this class? Its units include a verified guardian's employer, or it is open to all. */
async function familyMayJoin(tx: Db, familyId: number, classId: number, openToAll: boolean, classOrgPath: string) {
  const city = `${classOrgPath.split('/').slice(0, 2).join('/')}/`;
  const [hit] = await tx
    .select({ one: sql`1` })
    .from(guardians)
    .innerJoin(organizations, eq(organizations.id, guardians.employerOrgId))
    .where(
      and(
        eq(guardians.familyId, familyId),
        eq(guardians.status, 'verified'),
        openToAll
          ? sql`${organizations.path} LIKE ${`${city}%`}`
          : sql`EXISTS (SELECT 1 FROM ${classUnits} WHERE ${classUnits.classId} = ${classId} AND ${classUnits.orgId} = ${guardians.employerOrgId})`,
      ),
    )
    .limit(1);
  return !!hit;
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

export async function apply(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  input: { classId: number; childId: number },
): Promise<EnrolmentRow> {
  return db.transaction(async (tx) => {
    const g = await verifiedGuardian(tx, actor.userId);
    if (!g) throw notFound();
    if (g.status !== 'verified') throw new AppError('FORBIDDEN');
    const [child] = await tx
      .select()
      .from(children)
      .where(and(eq(children.id, input.childId), eq(children.familyId, g.familyId), eq(children.active, true)));
    if (!child) throw notFound();
    const { counters, cls, campaign, ownerPath } = await lockClass(tx, input.classId);
    const owner = { path: ownerPath };
    if (cls.status !== 'open' || !(await familyMayJoin(tx, g.familyId, cls.id, counters.openToAll, owner.path)))
      throw notFound();
    const now = ctx.now;
    if (counters.windowOpensAt && now < counters.windowOpensAt)
      throw invalid('报名尚未开始', 'Applications have not opened yet');
    if (counters.windowClosesAt && now >= counters.windowClosesAt)
      throw invalid('报名已截止', 'Applications have closed');
    checkEligibility(child, cls, campaign);
    const live = await tx
      .select({ e: enrolments, start: careClasses.startDate, end: careClasses.endDate, name: careClasses.name })
      .from(enrolments)
      .innerJoin(careClasses, eq(careClasses.id, enrolments.classId))
      .where(and(eq(enrolments.childId, child.id), inArray(enrolments.status, [...LIVE])));
    if (live.some((l) => l.e.classId === cls.id))
      throw conflict('已为该孩子报名本托管班', 'This child has already applied to this class');
    const clash = live.find(
      (l) =>
        l.start && l.end && cls.startDate && cls.endDate && datesOverlap(l.start, l.end, cls.startDate, cls.endDate),
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
      const d = decidePlace(
        { capacity: cls.capacity ?? 0, taken: counters.placesTaken, kindergartenTaken: counters.kindergartenTaken },
        child.grade === 'K',
        campaign.eligibility.kindergartenMaxShare,
      );
      status = d.kind === 'place' ? 'accepted' : 'waitlisted';
      reason = d.kind === 'waitlist' ? d.reason : null;
    }
    const [row] = await tx
      .insert(enrolments)
      .values({
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
      })
      .returning();
    if (!row) throw new AppError('INTERNAL');
    if (status === 'accepted') await adjustCounters(tx, cls.id, 1, child.grade === 'K' ? 1 : 0);
    await recordEvent(tx, ctx, {
      action: 'enrolment.apply',
      entity: 'enrolment',
      entityId: row.id,
      orgPath: owner.path,
      after: { classId: cls.id, childId: child.id, status, reason, priorityGroup },
    });
    return row;
  });
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

export async function withdraw(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  sender: MessageSender,
  id: number,
  reason: string,
) {
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
    await releasePlace(tx, ctx, sender, fresh, grade);
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
