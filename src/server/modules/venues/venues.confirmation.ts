/**
 * Whether a venue's P-R4 checklist stands confirmed (区县确认) and whether fire safety has its evidence file, as
 * other modules need to know it: care classes refuse approval without a valid confirmation and flag an approved
 * class whose venue lost it; the compliance snapshot tells the rules whether the fire evidence is on file.
 * A confirmation counts only when its author holds, now, a confirming role (district or city admin, inspector) over
 * the venue's unit: a row written by anyone else (a unit admin, a bad import) is not a confirmation.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { files, organizations, roleGrants, users, venues } from '../../db/schema.js';
import { readChecklist } from './venues.checklist.js';
import { CHECKLIST_CONFIRMERS } from './venues.policy.js';

export const VENUE_FILE_OWNER = 'venue';
/** The evidence purpose that proves fire safety on its own (besides files cited for the item in the checklist). */
export const FIRE_CERTIFICATE = 'fire_certificate';

export interface VenueConfirmation {
  venueId: number;
  name: string;
  /** Confirmed by someone allowed to confirm it, and not cleared by a later edit. */
  confirmed: boolean;
  /** A confirmation row exists but its author may not confirm this venue. */
  byUnauthorised: boolean;
  byName: string | null;
  at: Date | null;
}

/** The confirmation state of each venue (missing ids are absent from the map). */
export async function venueConfirmations(db: Db, venueIds: number[]): Promise<Map<number, VenueConfirmation>> {
  const out = new Map<number, VenueConfirmation>();
  const ids = [...new Set(venueIds)];
  if (ids.length === 0) return out;
  const rows = await db
    .select({
      id: venues.id,
      name: venues.name,
      by: venues.checklistConfirmedBy,
      at: venues.checklistConfirmedAt,
      orgPath: organizations.path,
      byName: users.displayName,
      byActive: users.active,
    })
    .from(venues)
    .innerJoin(organizations, eq(organizations.id, venues.orgId))
    .leftJoin(users, eq(users.id, venues.checklistConfirmedBy))
    .where(inArray(venues.id, ids));
  const confirmers = [...new Set(rows.map((r) => r.by).filter((x): x is number => x !== null))];
  const grants = confirmers.length
    ? await db
        .select({ userId: roleGrants.userId, path: organizations.path })
        .from(roleGrants)
        .innerJoin(organizations, eq(organizations.id, roleGrants.orgId))
        .where(and(inArray(roleGrants.userId, confirmers), inArray(roleGrants.role, [...CHECKLIST_CONFIRMERS])))
    : [];
  for (const r of rows) {
    const present = r.by !== null && r.at !== null;
    const allowed =
      present && r.byActive === true && grants.some((g) => g.userId === r.by && r.orgPath.startsWith(g.path));
    out.set(r.id, {
      venueId: r.id,
      name: r.name,
      confirmed: present && allowed,
      byUnauthorised: present && !allowed,
      byName: r.byName ?? null,
      at: r.at,
    });
  }
  return out;
}

/** Fire safety has its evidence: a file cited for the item in the checklist, or a fire certificate uploaded. */
export async function hasFireEvidence(db: Db, v: { id: number; checklist: unknown }): Promise<boolean> {
  if ((readChecklist(v.checklist).evidence.fireSafety ?? []).length > 0) return true;
  const [f] = await db
    .select({ id: files.id })
    .from(files)
    .where(and(eq(files.ownerType, VENUE_FILE_OWNER), eq(files.ownerId, v.id), eq(files.purpose, FIRE_CERTIFICATE)))
    .limit(1);
  return !!f;
}
