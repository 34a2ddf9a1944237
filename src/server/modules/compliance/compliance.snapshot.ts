/**
 * The rules' view of a stored class (the snapshot the policy engine evaluates): its dates and set-up, its venue
 * and counterparties, and its children with their paperwork and attendance — the last from the attendance
 * module's public read (`snapshotChildren`), which itself reads the enrolments' readiness.
 */
import { eq, inArray } from 'drizzle-orm';
import type { ClassStatus } from '../../../domain/classes/lifecycle.js';
import { fundingLinesForRule } from '../../../domain/funding/index.js';
import type { ClassPhase, ClassSnapshot, VenueSnapshot } from '../../../domain/rules/types.js';
import type { Db } from '../../db/client.js';
import { counterparties, venues } from '../../db/schema.js';
import { snapshotChildren, snapshotPaperwork } from '../attendance/attendance.engine.js';
import { documentsHeld } from '../classes/classes.documents.js';
import { ledgerFactsOf } from '../funding/funding.repo.js';
import type { ClassRow } from '../classes/classes.repo.js';
import { hasFireEvidence } from '../venues/venues.confirmation.js';

type Checklist = Partial<
  Record<'independent' | 'nearHazard' | 'ventilationLighting' | 'fireSafety' | 'surveillance', boolean | null>
>;
const orUndefined = <T>(v: T | null | undefined): T | undefined => (v === null ? undefined : v);

/** The lifecycle status as the rules' phase: before `running` the roster is still forming (rules pending). */
const PHASE_OF_STATUS: Record<ClassStatus, ClassPhase> = {
  draft: 'planning',
  submitted: 'planning',
  returned: 'planning',
  approved: 'planning',
  open: 'enrolling',
  running: 'running',
  closed: 'finished',
  archived: 'finished',
};
const phaseOf = (status: string): ClassPhase | undefined => PHASE_OF_STATUS[status as ClassStatus];

/** The rules' view of a stored class; attendance is counted up to `asOf` (default: all recorded days). */
export async function buildSnapshot(tx: Db, c: ClassRow, asOf?: string): Promise<ClassSnapshot> {
  const ids = [c.catererId, c.partnerId, c.providerId].filter((x): x is number => x !== null);
  const [venue] = c.venueId ? await tx.select().from(venues).where(eq(venues.id, c.venueId)) : [];
  const parties = ids.length ? await tx.select().from(counterparties).where(inArray(counterparties.id, ids)) : [];
  const party = (id: number | null) => parties.find((p) => p.id === id);
  const caterer = party(c.catererId);
  const partner = party(c.partnerId);
  const provider = party(c.providerId);
  const cl: Checklist = venue?.checklist ?? {};
  const venueSnap: VenueSnapshot | undefined = venue
    ? {
        independent: orUndefined(cl.independent),
        location: venue.location as VenueSnapshot['location'],
        buildingUse: venue.buildingUse as VenueSnapshot['buildingUse'],
        nearHazard: orUndefined(cl.nearHazard),
        ventilationLighting: orUndefined(cl.ventilationLighting),
        fireSafety: orUndefined(cl.fireSafety),
        // A stored venue is the whole record: no evidence file on it is a "no" (fails while required).
        fireEvidence: await hasFireEvidence(tx, venue),
        surveillance: orUndefined(cl.surveillance),
      }
    : undefined;
  return {
    phase: phaseOf(c.status),
    startDate: c.startDate ?? undefined,
    endDate: c.endDate ?? undefined,
    closedDates: c.closedDates,
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
      // The catering agreement is the caterer's agreement period. A stored class is the whole record: no caterer,
      // or a caterer without both agreement dates, means no contract (null, which fails), not "unknown".
      contract:
        c.meals !== 'contracted'
          ? undefined
          : caterer?.agreementStart && caterer.agreementEnd
            ? { start: caterer.agreementStart, end: caterer.agreementEnd }
            : null,
    },
    // A child counts as enrolled only with agreement, insurance and fee in place (issue 5); presentDays,
    // sickLeaveDays and enrolledOn come from the attendance days (issue 6).
    children: await snapshotChildren(tx, c, asOf),
    // The written rules on file (P-S/P-R6/P-R7); a stored class always knows what it holds.
    documents: (await documentsHeld(tx, [c.id])).get(c.id) ?? [],
    // The ledger's standing expenses (P-R7/P-R8); no ledger at all leaves the funding rule pending.
    funding: fundingLinesForRule(await ledgerFactsOf(tx, c.id)),
    // Every child holding a place or attended, complete or not, for the custody and insurance rules (P-R7).
    ...(asOf ? { paperwork: await snapshotPaperwork(tx, c, asOf) } : {}),
  };
}
