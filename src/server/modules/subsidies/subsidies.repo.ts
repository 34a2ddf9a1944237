/**
 * Reading subsidies (工会补贴): the paying organisation within the caller's scope, the policy's latest version, the
 * approved lists with their frozen items and payments, and the classes' figures a list is computed from — read
 * through the stats read layer (`classFacts`), never re-derived here.
 */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { IsoDate } from '../../../domain/calendar/dates.js';
import type { Campaign } from '../../../domain/campaign/schema.js';
import type { SubsidyClassFacts } from '../../../domain/funding/index.js';
import type { Actor } from '../../auth/actor.js';
import { inScope } from '../../auth/scope.js';
import type { Db } from '../../db/client.js';
import { campaigns, careClasses, organizations, users } from '../../db/schema.js';
import { subsidyListItems, subsidyLists, subsidyPayments, subsidyPolicies } from '../../db/tables/subsidies.js';
import { classFacts } from '../stats/stats.classes.js';
import { namedDemonstrationClassIds } from '../stats/stats.named.js';
import { unsafeUnitsUnder } from '../stats/stats.repo.js';
import { SUBSIDY_READERS } from './subsidies.policy.js';

export type PolicyRow = typeof subsidyPolicies.$inferSelect;
export type ListRow = typeof subsidyLists.$inferSelect;
export type ItemRow = typeof subsidyListItems.$inferSelect;
export type PaymentRow = typeof subsidyPayments.$inferSelect;

export interface Payer {
  id: number;
  name: string;
  kind: string;
  path: string;
}

/** The paying organisation, when the caller may read subsidies somewhere over it (else undefined: "not found"). */
export async function payerInScope(db: Db, actor: Actor, orgId: number): Promise<Payer | undefined> {
  const [row] = await db
    .select({ id: organizations.id, name: organizations.name, kind: organizations.kind, path: organizations.path })
    .from(organizations)
    .where(and(eq(organizations.id, orgId), inScope(organizations.path, actor, SUBSIDY_READERS)));
  return row;
}

export async function unsafePayerById(db: Db, orgId: number): Promise<Payer | undefined> {
  const [row] = await db
    .select({ id: organizations.id, name: organizations.name, kind: organizations.kind, path: organizations.path })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  return row;
}

export async function campaignOf(db: Db, id: number): Promise<{ id: number; params: Campaign } | undefined> {
  const [c] = await db
    .select({ id: campaigns.id, params: campaigns.params })
    .from(campaigns)
    .where(eq(campaigns.id, id));
  return c;
}

export async function latestPolicy(db: Db, campaignId: number, orgId: number) {
  const [row] = await db
    .select({ p: subsidyPolicies, setByName: users.displayName })
    .from(subsidyPolicies)
    .leftJoin(users, eq(users.id, subsidyPolicies.createdBy))
    .where(and(eq(subsidyPolicies.campaignId, campaignId), eq(subsidyPolicies.orgId, orgId)))
    .orderBy(desc(subsidyPolicies.version))
    .limit(1);
  return row;
}

export async function listsOf(db: Db, campaignId: number, orgId: number) {
  return db
    .select({ l: subsidyLists, approvedByName: users.displayName })
    .from(subsidyLists)
    .leftJoin(users, eq(users.id, subsidyLists.approvedBy))
    .where(and(eq(subsidyLists.campaignId, campaignId), eq(subsidyLists.orgId, orgId)))
    .orderBy(desc(subsidyLists.version));
}

export async function listById(db: Db, id: number) {
  const [row] = await db
    .select({ l: subsidyLists, approvedByName: users.displayName })
    .from(subsidyLists)
    .leftJoin(users, eq(users.id, subsidyLists.approvedBy))
    .where(eq(subsidyLists.id, id));
  return row;
}

export async function itemsOf(db: Db, listIds: readonly number[]) {
  if (listIds.length === 0) return [];
  return db
    .select()
    .from(subsidyListItems)
    .where(inArray(subsidyListItems.listId, [...listIds]))
    .orderBy(asc(subsidyListItems.id));
}

export async function paymentsOf(db: Db, listIds: readonly number[]) {
  if (listIds.length === 0) return [];
  return db
    .select({ p: subsidyPayments, createdByName: users.displayName })
    .from(subsidyPayments)
    .leftJoin(users, eq(users.id, subsidyPayments.createdBy))
    .where(inArray(subsidyPayments.listId, [...listIds]))
    .orderBy(asc(subsidyPayments.id));
}

export interface CoveredClass extends SubsidyClassFacts {
  className: string;
  unitId: number;
  unitName: string;
}

const DELIVERING = new Set(['running', 'closed', 'archived']);

/**
 * The classes a payer's list covers: every class that ran (running, closed, archived) led by a unit under the
 * paying organisation, with the figures the subsidy reads — from the stats read layer as of the day.
 */
export async function coveredClasses(db: Db, campaignId: number, payer: Payer, asOf: IsoDate): Promise<CoveredClass[]> {
  const unitIds = await unsafeUnitsUnder(db, payer.path);
  if (unitIds.length === 0) return [];
  const facts = (await classFacts(db, { campaignId, unitIds, asOf })).filter((c) => DELIVERING.has(c.status));
  if (facts.length === 0) return [];
  // Named on the day the figures are read for (a supplement follows the naming in force then).
  const named = await namedDemonstrationClassIds(
    db,
    facts.map((f) => f.id),
    asOf,
  );
  const units = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(inArray(organizations.id, [...new Set(facts.map((f) => f.unitId))]));
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  return facts
    .map((f) => ({
      classId: f.id,
      className: f.name,
      unitId: f.unitId,
      unitName: unitName.get(f.unitId) ?? '',
      status: f.status,
      children: f.children.length,
      presentChildDays: f.present,
      scheduledChildDays: f.scheduled,
      openSeriousIncidents: f.openSeriousIncidents,
      named: named.has(f.id),
    }))
    .sort((a, b) => a.unitName.localeCompare(b.unitName, 'zh') || a.classId - b.classId);
}

/** Names of the classes and units a frozen list names (they may have been renamed since: today's names). */
export async function namesOf(db: Db, classIds: readonly number[], unitIds: readonly number[]) {
  const classes = classIds.length
    ? await db
        .select({ id: careClasses.id, name: careClasses.name, status: careClasses.status })
        .from(careClasses)
        .where(inArray(careClasses.id, [...classIds]))
    : [];
  const units = unitIds.length
    ? await db
        .select({ id: organizations.id, name: organizations.name })
        .from(organizations)
        .where(inArray(organizations.id, [...unitIds]))
    : [];
  return { classes: new Map(classes.map((c) => [c.id, c])), units: new Map(units.map((u) => [u.id, u.name])) };
}
