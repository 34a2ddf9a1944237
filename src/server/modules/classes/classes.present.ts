/** What leaves the server about a class: the summary for lists, the detail for the class page. */
import { staffRatio } from '../../../domain/classes/lifecycle.js';
import { maskPhone } from '../../../domain/people/mask.js';
import type { Actor } from '../../auth/actor.js';
import type { Db } from '../../db/client.js';
import { inArray } from 'drizzle-orm';
import { type classStaff, counterparties, venues } from '../../db/schema.js';
import { type ClassRow, type ClassUnit, districtNames, latestVerdict, timelineOf, unitsOf } from './classes.repo.js';
import { approvalBlockers, venueFlags } from './classes.approval.js';
import { classDocuments } from './classes.documents.js';
import { classAbilities } from './classes.policy.js';
import type { ClassDetail, ClassSummary } from './classes.schema.js';
import { campaignOf, staffOf } from './classes.service.js';

export async function presentSummaries(db: Db, actor: Actor, rows: ClassRow[]): Promise<ClassSummary[]> {
  const units = await unitsOf(
    db,
    rows.map((r) => r.id),
  );
  const owners = rows.map((r) => units.get(r.id)?.find((u) => u.isOwner));
  const districts = await districtNames(
    db,
    owners.map((o) => o?.path ?? ''),
  );
  const flagged = await venueFlags(db, rows);
  return rows.map((r, i) =>
    summary(actor, r, units.get(r.id) ?? [], districts.get(owners[i]?.path ?? '') ?? null, flagged.has(r.id)),
  );
}

function summary(
  actor: Actor,
  r: ClassRow,
  units: ClassUnit[],
  districtName: string | null,
  venueUnconfirmed: boolean,
): ClassSummary {
  const owner = units.find((u) => u.isOwner);
  return {
    id: r.id,
    campaignId: r.campaignId,
    orgId: r.orgId,
    orgName: owner?.name ?? '',
    districtName,
    name: r.name,
    mode: r.mode as ClassSummary['mode'],
    management: r.management as ClassSummary['management'],
    status: r.status as ClassSummary['status'],
    startDate: r.startDate,
    endDate: r.endDate,
    capacity: r.capacity,
    failingRules: r.failingRules,
    verdictAt: r.verdictAt,
    venueUnconfirmed,
    version: r.version,
    abilities: classAbilities(actor, { status: r.status as ClassSummary['status'], units }),
  };
}

export async function presentDetail(db: Db, actor: Actor, r: ClassRow): Promise<ClassDetail> {
  const [s] = await presentSummaries(db, actor, [r]);
  if (!s) throw new Error('class vanished');
  const units = (await unitsOf(db, [r.id])).get(r.id) ?? [];
  const [verdict, timeline, staff, campaign, refs] = await Promise.all([
    latestVerdict(db, r.id),
    timelineOf(db, r.id),
    staffOf(db, [r.id]),
    campaignOf(db, r.campaignId),
    refsOf(db, r),
  ]);
  const [documents, blockers] = await Promise.all([
    classDocuments(db, r, campaign),
    r.status === 'submitted'
      ? approvalBlockers(db, r, (verdict?.results ?? []) as Parameters<typeof approvalBlockers>[2])
      : Promise.resolve(null),
  ]);
  const maxPerAdult = campaign?.staffing.maxChildrenPerAdult ?? 10;
  // Until enrolment exists the ratio is planned against capacity.
  const ratio = staffRatio(r.capacity ?? 0, staff.length, maxPerAdult);
  return {
    ...s,
    coUnits: units.filter((u) => !u.isOwner).map((u) => ({ id: u.orgId, name: u.name })),
    closedDates: r.closedDates,
    dailyStart: r.dailyStart,
    dailyEnd: r.dailyEnd,
    gradesOffered: r.gradesOffered,
    feeAmount: r.feeAmount,
    feeNote: r.feeNote,
    meals: r.meals as ClassDetail['meals'],
    venueId: r.venueId,
    catererId: r.catererId,
    partnerId: r.partnerId,
    providerId: r.providerId,
    refs,
    activityPlan: r.activityPlan as ClassDetail['activityPlan'],
    publicDescription: r.publicDescription,
    verdict: verdict
      ? {
          asOf: verdict.asOf,
          computedAt: verdict.computedAt,
          rules: verdict.results,
        }
      : null,
    approval: blockers ? { ready: blockers.length === 0, blockers } : null,
    documents,
    staffing: {
      children: ratio.children,
      adults: ratio.adults,
      adultsNeeded: ratio.adultsNeeded,
      short: ratio.short,
      maxChildrenPerAdult: maxPerAdult,
    },
    timeline: timeline.map((t) => ({
      fromStatus: t.fromStatus,
      toStatus: t.toStatus,
      actorName: t.actorName,
      comment: t.comment,
      at: t.at,
    })),
  };
}

/** The names of the venue and partners a class names (the class's own facts, readable with the class). */
async function refsOf(db: Db, r: ClassRow): Promise<ClassDetail['refs']> {
  const partyIds = [r.catererId, r.partnerId, r.providerId].filter((v): v is number => v !== null);
  const [venue, parties] = await Promise.all([
    r.venueId === null
      ? Promise.resolve([])
      : db
          .select({ name: venues.name, address: venues.address })
          .from(venues)
          .where(inArray(venues.id, [r.venueId])),
    partyIds.length === 0
      ? Promise.resolve([])
      : db
          .select({ id: counterparties.id, name: counterparties.name })
          .from(counterparties)
          .where(inArray(counterparties.id, partyIds)),
  ]);
  const nameOf = (id: number | null) => (id === null ? null : (parties.find((p) => p.id === id)?.name ?? null));
  return {
    venue: venue[0] ? { name: venue[0].name, address: venue[0].address } : null,
    caterer: nameOf(r.catererId),
    partner: nameOf(r.partnerId),
    provider: nameOf(r.providerId),
  };
}

export function presentStaff(s: typeof classStaff.$inferSelect) {
  return {
    id: s.id,
    name: s.name,
    role: s.role as 'head',
    userId: s.userId,
    phoneMasked: maskPhone(s.phone),
    qualification: s.qualification,
    healthCertDate: s.healthCertDate,
    backgroundChecked: s.backgroundChecked,
    backgroundCheckDate: s.backgroundCheckDate,
  };
}
