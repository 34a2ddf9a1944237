/**
 * Reading needs surveys, scoped in the SQL. A survey is visible to readers over its opener or over any of its
 * units; links, answers and planned places are read only for the units in the caller's scope (`inScope` on the
 * unit's path), so a unit administrator looking at the city's survey sees their own unit and nothing else.
 */
import { and, asc, count, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../auth/actor.js';
import { inScope } from '../../auth/scope.js';
import type { Db } from '../../db/client.js';
import {
  campaigns,
  careClasses,
  needsSurveyAnswers,
  needsSurveyLinks,
  needsSurveys,
  organizations,
} from '../../db/schema.js';
import { SURVEY_READERS } from './surveys.policy.js';

export type SurveyRecord = typeof needsSurveys.$inferSelect;
export interface SurveyRow extends SurveyRecord {
  orgPath: string;
  orgName: string;
  campaignName: string;
  campaignParams: typeof campaigns.$inferSelect.params;
}

/** Some link of the survey lies in the caller's scope. */
const someLinkInScope = (actor: Actor) =>
  sql`EXISTS (SELECT 1 FROM needs_survey_links l JOIN organizations lo ON lo.id = l.org_id
    WHERE l.survey_id = ${needsSurveys.id} AND ${inScope(sql`lo.path`, actor, SURVEY_READERS)})`;

const visible = (actor: Actor): SQL =>
  sql`(${inScope(organizations.path, actor, SURVEY_READERS)} OR ${someLinkInScope(actor)})`;

function baseQuery(db: Db) {
  return db
    .select({
      s: needsSurveys,
      orgPath: organizations.path,
      orgName: organizations.name,
      campaignName: campaigns.name,
      campaignParams: campaigns.params,
    })
    .from(needsSurveys)
    .innerJoin(organizations, eq(organizations.id, needsSurveys.orgId))
    .innerJoin(campaigns, eq(campaigns.id, needsSurveys.campaignId));
}

type Joined = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];
const flatten = (r: Joined): SurveyRow => ({
  ...r.s,
  orgPath: r.orgPath,
  orgName: r.orgName,
  campaignName: r.campaignName,
  campaignParams: r.campaignParams,
});

export async function findVisibleSurvey(db: Db, actor: Actor, id: number): Promise<SurveyRow | undefined> {
  const [row] = await baseQuery(db).where(and(eq(needsSurveys.id, id), visible(actor)));
  return row ? flatten(row) : undefined;
}

export async function listVisibleSurveys(db: Db, actor: Actor, campaignId?: number): Promise<SurveyRow[]> {
  const conds = [visible(actor)];
  if (campaignId) conds.push(eq(needsSurveys.campaignId, campaignId));
  const rows = await baseQuery(db)
    .where(and(...conds))
    .orderBy(desc(needsSurveys.createdAt), desc(needsSurveys.id))
    .limit(200);
  return rows.map(flatten);
}

/** Links and answers per survey, counting only units in the caller's scope. */
export async function countsInScope(
  db: Db,
  actor: Actor,
  surveyIds: number[],
): Promise<Map<number, { units: number; respondents: number }>> {
  const out = new Map(surveyIds.map((id) => [id, { units: 0, respondents: 0 }]));
  if (surveyIds.length === 0) return out;
  const scope = inScope(organizations.path, actor, SURVEY_READERS);
  const [links, answers] = await Promise.all([
    db
      .select({ surveyId: needsSurveyLinks.surveyId, n: count() })
      .from(needsSurveyLinks)
      .innerJoin(organizations, eq(organizations.id, needsSurveyLinks.orgId))
      .where(and(inArray(needsSurveyLinks.surveyId, surveyIds), scope))
      .groupBy(needsSurveyLinks.surveyId),
    db
      .select({ surveyId: needsSurveyAnswers.surveyId, n: count() })
      .from(needsSurveyAnswers)
      .innerJoin(organizations, eq(organizations.id, needsSurveyAnswers.orgId))
      .where(and(inArray(needsSurveyAnswers.surveyId, surveyIds), scope))
      .groupBy(needsSurveyAnswers.surveyId),
  ]);
  for (const l of links) {
    const c = out.get(l.surveyId);
    if (c) c.units = l.n;
  }
  for (const a of answers) {
    const c = out.get(a.surveyId);
    if (c) c.respondents = a.n;
  }
  return out;
}

export interface LinkRow {
  id: number;
  orgId: number;
  orgName: string;
  orgPath: string;
  token: string;
  respondents: number;
}

/** The survey's links for units in the caller's scope, with each unit's answer count, in tree order. */
export async function linksInScope(db: Db, actor: Actor, surveyId: number, linkId?: number): Promise<LinkRow[]> {
  const conds = [eq(needsSurveyLinks.surveyId, surveyId), inScope(organizations.path, actor, SURVEY_READERS)];
  if (linkId) conds.push(eq(needsSurveyLinks.id, linkId));
  return db
    .select({
      id: needsSurveyLinks.id,
      orgId: needsSurveyLinks.orgId,
      orgName: organizations.name,
      orgPath: organizations.path,
      token: needsSurveyLinks.token,
      respondents: sql<number>`(SELECT count(*)::int FROM needs_survey_answers a
        WHERE a.survey_id = ${needsSurveyLinks.surveyId} AND a.org_id = ${needsSurveyLinks.orgId})`,
    })
    .from(needsSurveyLinks)
    .innerJoin(organizations, eq(organizations.id, needsSurveyLinks.orgId))
    .where(and(...conds))
    .orderBy(asc(organizations.path));
}

/** Every answer from units in the caller's scope (the raw material of the results). */
export async function answersInScope(db: Db, actor: Actor, surveyId: number) {
  return db
    .select({ orgId: needsSurveyAnswers.orgId, answers: needsSurveyAnswers.answers })
    .from(needsSurveyAnswers)
    .innerJoin(organizations, eq(organizations.id, needsSurveyAnswers.orgId))
    .where(and(eq(needsSurveyAnswers.surveyId, surveyId), inScope(organizations.path, actor, SURVEY_READERS)));
}

/**
 * Planned places per unit: the capacity of the campaign's classes owned by each unit in the caller's scope,
 * whatever their status (in April most are drafts, and a draft is the plan). A joint class counts at its owner.
 */
export async function plannedPlacesInScope(db: Db, actor: Actor, campaignId: number): Promise<Map<number, number>> {
  const rows = await db
    .select({ orgId: careClasses.orgId, places: sql<number>`coalesce(sum(${careClasses.capacity}), 0)::int` })
    .from(careClasses)
    .innerJoin(organizations, eq(organizations.id, careClasses.orgId))
    .where(and(eq(careClasses.campaignId, campaignId), inScope(organizations.path, actor, SURVEY_READERS)))
    .groupBy(careClasses.orgId);
  return new Map(rows.map((r) => [r.orgId, Number(r.places)]));
}

/** Names of organisations by id (the districts that group the units in the results). */
export async function unsafeOrgNames(db: Db, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(inArray(organizations.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The link behind a public token with its survey, unit and campaign; no scoping: the token is the key. */
export async function unsafeFindLinkByToken(db: Db, token: string) {
  const [row] = await db
    .select({
      link: needsSurveyLinks,
      survey: needsSurveys,
      unitName: organizations.name,
      unitPath: organizations.path,
      campaignName: campaigns.name,
      campaignParams: campaigns.params,
    })
    .from(needsSurveyLinks)
    .innerJoin(needsSurveys, eq(needsSurveys.id, needsSurveyLinks.surveyId))
    .innerJoin(organizations, eq(organizations.id, needsSurveyLinks.orgId))
    .innerJoin(campaigns, eq(campaigns.id, needsSurveys.campaignId))
    .where(eq(needsSurveyLinks.token, token));
  return row;
}
