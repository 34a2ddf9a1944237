/**
 * The policy engine applied to stored classes: builds the rules' snapshot of a class from its rows (venue,
 * caterer, partner, provider; children once enrolment exists), evaluates it, and stores the verdict with the
 * time it was computed. Re-runs whenever an input changes: the class itself, its venue or counterparties
 * (through domain-event subscribers, in the same transaction), or its campaign's parameters.
 */
import { desc, eq, inArray, or } from 'drizzle-orm';
import { todayInChina } from '../../../domain/calendar/dates.js';
import type { Campaign } from '../../../domain/campaign/index.js';
import { evaluateClass } from '../../../domain/rules/index.js';
import type { ClassSnapshot, VenueSnapshot } from '../../../domain/rules/types.js';
import type { RequestContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { campaigns, careClasses, counterparties, ruleVerdicts, venues } from '../../db/schema.js';
import { type DomainEvent, onEvent } from '../../events/audit.js';
import { withAttendance } from '../attendance/attendance.engine.js';
import { classReadiness } from '../enrolments/readiness.repo.js';
import type { ClassRow } from './classes.repo.js';

type Checklist = Partial<
  Record<'independent' | 'nearHazard' | 'ventilationLighting' | 'fireSafety' | 'surveillance', boolean | null>
>;
const orUndefined = <T>(v: T | null | undefined): T | undefined => (v === null ? undefined : v);

/** The rules' view of a stored class; attendance is counted up to `asOf` (default: all recorded days). */
export async function buildSnapshot(tx: Db, c: ClassRow, asOf?: string): Promise<ClassSnapshot> {
  const ids = [c.catererId, c.partnerId, c.providerId].filter((x): x is number => x !== null);
  const [venue] = c.venueId ? await tx.select().from(venues).where(eq(venues.id, c.venueId)) : [];
  const parties = ids.length ? await tx.select().from(counterparties).where(inArray(counterparties.id, ids)) : [];
  const party = (id: number | null) => parties.find((p) => p.id === id);
  const caterer = party(c.catererId);
  const partner = party(c.partnerId);
  const provider = party(c.providerId);
  const cl = (venue?.checklist ?? {}) as Checklist;
  const venueSnap: VenueSnapshot | undefined = venue
    ? {
        independent: orUndefined(cl.independent),
        location: venue.location as VenueSnapshot['location'],
        buildingUse: venue.buildingUse as VenueSnapshot['buildingUse'],
        nearHazard: orUndefined(cl.nearHazard),
        ventilationLighting: orUndefined(cl.ventilationLighting),
        fireSafety: orUndefined(cl.fireSafety),
        surveillance: orUndefined(cl.surveillance),
      }
    : undefined;
  return {
    startDate: c.startDate ?? undefined,
    endDate: c.endDate ?? undefined,
    closedDates: c.closedDates as string[],
    mode: c.mode as ClassSnapshot['mode'],
    management: c.management as ClassSnapshot['management'],
    // A cooperation agreement counts when one is recorded and runs through the class's last day.
    partnerAgreement:
      c.mode === 'standalone'
        ? undefined
        : !!partner?.agreementEnd && (!c.endDate || partner.agreementEnd >= c.endDate),
    providerQualified: c.management === 'purchased' ? provider?.reviewResult === 'passed' : undefined,
    venue: venueSnap,
    catering: {
      mode: c.meals as 'self' | 'contracted' | 'none',
      licenseExpiry: c.meals === 'contracted' ? (caterer?.licenceExpiry ?? undefined) : undefined,
    },
    // A child counts as enrolled only with agreement, insurance and fee in place (issue 5); presentDays,
    // sickLeaveDays and enrolledOn come from the attendance days (issue 6, attendance.engine.ts).
    children: await withAttendance(
      tx,
      c,
      asOf,
      (await classReadiness(tx, c.id))
        .filter((r) => r.enrolled)
        .map((r) => ({
          id: String(r.enrolmentId),
          grade: r.grade === 'K' ? ('K' as const) : (Number(r.grade) as 1),
          selfCare: r.selfCare ?? undefined,
          custodyAgreement: r.agreementSigned,
          insurance: r.insurance === 'confirmed',
        })),
    ),
  };
}

export async function evaluateAndStore(tx: Db, ctx: RequestContext, c: ClassRow, trigger: string) {
  const [camp] = await tx.select({ params: campaigns.params }).from(campaigns).where(eq(campaigns.id, c.campaignId));
  if (!camp) return null;
  const asOf = todayInChina(ctx.now);
  const snapshot = await buildSnapshot(tx, c, asOf);
  const verdict = evaluateClass(snapshot, camp.params as Campaign, asOf);
  const failing = verdict.rules.filter((r) => r.status === 'fail').map((r) => r.id);
  await tx.insert(ruleVerdicts).values({
    classId: c.id,
    campaignId: c.campaignId,
    results: verdict.rules,
    failing,
    asOf,
    computedAt: ctx.now,
    trigger,
  });
  await tx.update(careClasses).set({ failingRules: failing, verdictAt: ctx.now }).where(eq(careClasses.id, c.id));
  return verdict;
}

export async function latestVerdict(db: Db, classId: number) {
  const [v] = await db
    .select()
    .from(ruleVerdicts)
    .where(eq(ruleVerdicts.classId, classId))
    .orderBy(desc(ruleVerdicts.id))
    .limit(1);
  return v;
}

/** Re-evaluates every class (not archived) that a changed venue, counterparty or campaign feeds. */
async function reevaluate(tx: Db, ctx: RequestContext, ev: DomainEvent) {
  const id = Number(ev.entityId);
  if (!Number.isInteger(id)) return;
  const where =
    ev.entity === 'venue'
      ? eq(careClasses.venueId, id)
      : ev.entity === 'campaign'
        ? eq(careClasses.campaignId, id)
        : or(eq(careClasses.catererId, id), eq(careClasses.partnerId, id), eq(careClasses.providerId, id));
  const affected = await tx.select().from(careClasses).where(where);
  for (const c of affected) if (c.status !== 'archived') await evaluateAndStore(tx, ctx, c, ev.action);
}

for (const entity of ['venue', 'counterparty', 'campaign']) onEvent(entity, reevaluate);

// Enrolment changes that move a child in or out of "enrolled" re-evaluate the class; applications alone do not
// (a surge of them changes no verdict and must stay cheap).
const ENROLLING = new Set([
  'enrolment.confirm',
  'enrolment.withdraw',
  'enrolment.expire',
  'enrolment.sign',
  'enrolment.insurance_review',
  'enrolment.fee',
]);
onEvent('enrolment', async (tx, ctx, ev) => {
  const classId = Number((ev.after as { classId?: number } | null)?.classId);
  if (!ENROLLING.has(ev.action) || !Number.isInteger(classId)) return;
  const [c] = await tx.select().from(careClasses).where(eq(careClasses.id, classId));
  if (c && c.status !== 'archived') await evaluateAndStore(tx, ctx, c, ev.action);
});
