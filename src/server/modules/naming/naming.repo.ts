/**
 * Reading 公示 and namings. Notices belong to a campaign of the city: the console's reads load the campaign's
 * organisation path and the service authorises on it (naming.policy.ts); namings are also read by unit, scoped with
 * `inScope` on the unit's path. The public site's reads are deliberately unscoped (`unsafe…`): they return only
 * class-level facts, never an objector's phone.
 */
import { and, asc, desc, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Campaign } from '../../../domain/campaign/schema.js';
import type { Db } from '../../db/client.js';
import { campaigns, careClasses, organizations, users } from '../../db/schema.js';
import {
  demonstrationNamings,
  demonstrationRevocations,
  publicityEntries,
  publicityNotices,
  publicityObjectionResponses,
  publicityObjections,
} from '../../db/tables/naming.js';

export type NoticeRecord = typeof publicityNotices.$inferSelect;
export type EntryRecord = typeof publicityEntries.$inferSelect;
export type ObjectionRecord = typeof publicityObjections.$inferSelect;
export type ResponseRecord = typeof publicityObjectionResponses.$inferSelect & { respondedByName: string | null };
export type NamingRecord = typeof demonstrationNamings.$inferSelect;
export type RevocationRecord = typeof demonstrationRevocations.$inferSelect;

export interface CampaignRef {
  id: number;
  name: string;
  year: number;
  orgId: number;
  orgPath: string;
  params: Campaign;
}

export interface NoticeRow extends NoticeRecord {
  campaign: CampaignRef;
}

export interface NamingRow extends NamingRecord {
  campaignName: string;
  campaignYear: number;
  campaignOrgPath: string;
  campaignOrgName: string;
  unitPath: string;
  revocation: RevocationRecord | null;
}

const campaignColumns = {
  id: campaigns.id,
  name: campaigns.name,
  year: campaigns.year,
  orgId: campaigns.orgId,
  orgPath: organizations.path,
  params: campaigns.params,
};

export async function unsafeCampaignRef(db: Db, id: number): Promise<CampaignRef | undefined> {
  const [c] = await db
    .select(campaignColumns)
    .from(campaigns)
    .innerJoin(organizations, eq(organizations.id, campaigns.orgId))
    .where(eq(campaigns.id, id));
  return c;
}

/** The class-level facts a 公示 or a naming records about a class: its name, unit and the unit's district. */
export async function unsafeClassFacts(db: Db, classIds: readonly number[]) {
  if (classIds.length === 0) return [];
  const district = alias(organizations, 'district');
  return db
    .select({
      classId: careClasses.id,
      campaignId: careClasses.campaignId,
      className: careClasses.name,
      unitId: organizations.id,
      unitName: organizations.name,
      unitPath: organizations.path,
      districtName: district.name,
    })
    .from(careClasses)
    .innerJoin(organizations, eq(organizations.id, careClasses.orgId))
    .leftJoin(district, eq(district.id, organizations.parentId))
    .where(inArray(careClasses.id, [...classIds]));
}

export async function unsafeNotices(db: Db, where?: SQL): Promise<NoticeRow[]> {
  const rows = await db
    .select({ n: publicityNotices, c: campaignColumns })
    .from(publicityNotices)
    .innerJoin(campaigns, eq(campaigns.id, publicityNotices.campaignId))
    .innerJoin(organizations, eq(organizations.id, campaigns.orgId))
    .where(where)
    .orderBy(desc(publicityNotices.startsOn), desc(publicityNotices.id));
  return rows.map((r) => ({ ...r.n, campaign: r.c }));
}

export async function unsafeNotice(db: Db, id: number): Promise<NoticeRow | undefined> {
  return (await unsafeNotices(db, eq(publicityNotices.id, id)))[0];
}

export async function entriesOf(db: Db, noticeIds: readonly number[]): Promise<EntryRecord[]> {
  if (noticeIds.length === 0) return [];
  return db
    .select()
    .from(publicityEntries)
    .where(inArray(publicityEntries.noticeId, [...noticeIds]))
    .orderBy(asc(publicityEntries.noticeId), asc(publicityEntries.rank), asc(publicityEntries.id));
}

export async function objectionsOf(
  db: Db,
  noticeId: number,
): Promise<(ObjectionRecord & { responses: ResponseRecord[] })[]> {
  const objections = await db
    .select()
    .from(publicityObjections)
    .where(eq(publicityObjections.noticeId, noticeId))
    .orderBy(asc(publicityObjections.id));
  if (objections.length === 0) return [];
  const responses = await db
    .select({ r: publicityObjectionResponses, name: users.displayName })
    .from(publicityObjectionResponses)
    .leftJoin(users, eq(users.id, publicityObjectionResponses.respondedBy))
    .where(
      inArray(
        publicityObjectionResponses.objectionId,
        objections.map((o) => o.id),
      ),
    )
    .orderBy(asc(publicityObjectionResponses.id));
  return objections.map((o) => ({
    ...o,
    responses: responses.filter((r) => r.r.objectionId === o.id).map((r) => ({ ...r.r, respondedByName: r.name })),
  }));
}

export async function unsafeObjection(db: Db, id: number) {
  const [o] = await db.select().from(publicityObjections).where(eq(publicityObjections.id, id));
  return o;
}

function namingQuery(db: Db) {
  const unit = alias(organizations, 'unit');
  return db
    .select({
      n: demonstrationNamings,
      r: demonstrationRevocations,
      campaignName: campaigns.name,
      campaignYear: campaigns.year,
      campaignOrgPath: organizations.path,
      campaignOrgName: organizations.name,
      unitPath: unit.path,
    })
    .from(demonstrationNamings)
    .innerJoin(campaigns, eq(campaigns.id, demonstrationNamings.campaignId))
    .innerJoin(organizations, eq(organizations.id, campaigns.orgId))
    .innerJoin(unit, eq(unit.id, demonstrationNamings.unitId))
    .leftJoin(demonstrationRevocations, eq(demonstrationRevocations.namingId, demonstrationNamings.id));
}

type NamingJoined = Awaited<ReturnType<ReturnType<typeof namingQuery>['where']>>[number];
const flatNaming = (r: NamingJoined): NamingRow => ({
  ...r.n,
  campaignName: r.campaignName,
  campaignYear: r.campaignYear,
  campaignOrgPath: r.campaignOrgPath,
  campaignOrgName: r.campaignOrgName,
  unitPath: r.unitPath,
  revocation: r.r,
});

/** Namings matching `where` (with their revocation, if any), by campaign and rank of publication order. */
export async function unsafeNamings(db: Db, where?: SQL): Promise<NamingRow[]> {
  const rows = await namingQuery(db).where(where).orderBy(desc(campaigns.year), asc(demonstrationNamings.id));
  return rows.map(flatNaming);
}

export async function unsafeNamingByCode(db: Db, code: string): Promise<NamingRow | undefined> {
  return (await unsafeNamings(db, eq(demonstrationNamings.verifyCode, code)))[0];
}

export async function unsafeNaming(db: Db, id: number): Promise<NamingRow | undefined> {
  return (await unsafeNamings(db, eq(demonstrationNamings.id, id)))[0];
}

/** Namings in force (not revoked) of the campaign. */
export const inForce = (campaignId: number) =>
  and(eq(demonstrationNamings.campaignId, campaignId), isNull(demonstrationRevocations.id)) as SQL;
