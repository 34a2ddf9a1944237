/**
 * Changing needs surveys (调研摸底): open one for a campaign (every active grassroots unit in the opener's subtree
 * gets a link with an unguessable token), change its title or closing day, close it, give a unit a new token
 * (the old QR code stops working). Each write is one transaction with its audit event (entity `needs_survey`).
 */
import { randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { todayInChina } from '../../../domain/calendar/dates.js';
import { numberQuestions, readQuestions } from '../../../domain/surveys/questions.js';
import type { Actor } from '../../auth/actor.js';
import { authorize } from '../../auth/policy.js';
import type { RequestContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { needsSurveyLinks, needsSurveys, organizations } from '../../db/schema.js';
import { AppError, invalid, notFound } from '../../errors.js';
import { recordEvent } from '../../events/audit.js';
import { loadCampaign } from '../campaigns/campaigns.service.js';
import { findVisibleOrg } from '../orgs/orgs.repo.js';
import { surveyAbilities, surveyPolicy } from './surveys.policy.js';
import { findVisibleSurvey, type LinkRow, linksInScope, type SurveyRow } from './surveys.repo.js';
import type { CreateSurveyInput, SurveyDto, UpdateSurveyInput } from './surveys.schema.js';

/** 24 URL-safe characters from 144 random bits: not guessable, short enough for a QR code read on a cheap phone. */
export const newSurveyToken = () => randomBytes(18).toString('base64url');

/** Closed by hand, or past its closing day (China time): either way no answer is taken or changed. */
export function surveyIsOpen(s: { status: string; closesOn: string | null }, now: Date): boolean {
  return s.status === 'open' && (s.closesOn === null || todayInChina(now) <= s.closesOn);
}

export const surveyRef = (s: SurveyRow, now: Date) => ({ orgPath: s.orgPath, open: surveyIsOpen(s, now) });

export function presentSurvey(
  actor: Actor,
  s: SurveyRow,
  now: Date,
  counts: { units: number; respondents: number },
): SurveyDto {
  const ref = surveyRef(s, now);
  return {
    id: s.id,
    campaignId: s.campaignId,
    campaignName: s.campaignName,
    orgId: s.orgId,
    orgName: s.orgName,
    title: s.title,
    questions: readQuestions(s.questions),
    status: ref.open ? 'open' : 'closed',
    closesOn: s.closesOn,
    closedAt: s.closedAt,
    createdAt: s.createdAt,
    units: counts.units,
    respondents: counts.respondents,
    abilities: surveyAbilities(actor, ref),
  };
}

export async function loadSurvey(db: Db, actor: Actor, id: number): Promise<SurveyRow> {
  const s = await findVisibleSurvey(db, actor, id);
  if (!s) throw notFound();
  return s;
}

export async function openSurvey(db: Db, ctx: RequestContext, actor: Actor, input: CreateSurveyInput): Promise<number> {
  // The campaign must be one the caller reads (the city's, seen from anywhere in its tree).
  const campaign = await loadCampaign(db, actor, input.campaignId);
  if (campaign.status === 'closed')
    throw invalid(
      '该项目已结束，不能再发起调研',
      'This campaign is closed; no survey can be opened',
      'body.campaignId',
    );
  const { questions, problem } = numberQuestions(input.questions);
  if (problem)
    throw invalid(
      '选择题须有 2 至 12 个互不相同的选项；其他题型不设选项',
      'A choice question needs 2–12 distinct options; other kinds take none',
      `body.${problem}`,
    );
  if (input.closesOn < todayInChina(ctx.now))
    throw invalid('截止日期不能早于今天', 'The closing day cannot be in the past', 'body.closesOn');
  return db.transaction(async (tx) => {
    const org = await findVisibleOrg(tx, actor, input.orgId);
    authorize(!!org && surveyPolicy.open(actor, org), !!org);
    if (!org) throw notFound();
    if (!org.path.startsWith(campaign.orgPath))
      throw invalid('该组织不在本项目范围内', 'This organisation is outside the campaign', 'body.orgId');
    const units = await tx
      .select({ id: organizations.id })
      .from(organizations)
      .where(
        and(
          eq(organizations.kind, 'unit'),
          eq(organizations.active, true),
          sql`${organizations.path} LIKE ${`${org.path}%`}`,
        ),
      );
    if (units.length === 0)
      throw invalid(
        '该组织下没有在册的基层单位',
        'There is no active grassroots unit under this organisation',
        'body.orgId',
      );
    const [row] = await tx
      .insert(needsSurveys)
      .values({
        campaignId: campaign.id,
        orgId: org.id,
        title: input.title,
        questions,
        status: 'open',
        closesOn: input.closesOn,
        createdBy: actor.userId,
        createdAt: ctx.now,
      })
      .returning();
    if (!row) throw new AppError('INTERNAL');
    await tx
      .insert(needsSurveyLinks)
      .values(units.map((u) => ({ surveyId: row.id, orgId: u.id, token: newSurveyToken(), createdAt: ctx.now })));
    await recordEvent(tx, ctx, {
      action: 'needs_survey.open',
      entity: 'needs_survey',
      entityId: row.id,
      orgPath: org.path,
      after: { title: row.title, campaignId: row.campaignId, closesOn: row.closesOn, questions, units: units.length },
    });
    return row.id;
  });
}

export async function updateSurvey(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  input: UpdateSurveyInput,
): Promise<void> {
  await db.transaction(async (tx) => {
    const s = await loadSurvey(tx, actor, id);
    authorize(surveyPolicy.update(actor, surveyRef(s, ctx.now)), true);
    if (input.closesOn !== undefined && input.closesOn < todayInChina(ctx.now))
      throw invalid('截止日期不能早于今天', 'The closing day cannot be in the past', 'body.closesOn');
    const change = {
      ...(input.title === undefined ? {} : { title: input.title }),
      ...(input.closesOn === undefined ? {} : { closesOn: input.closesOn }),
    };
    if (Object.keys(change).length === 0) return;
    await tx.update(needsSurveys).set(change).where(eq(needsSurveys.id, s.id));
    await recordEvent(tx, ctx, {
      action: 'needs_survey.update',
      entity: 'needs_survey',
      entityId: s.id,
      orgPath: s.orgPath,
      before: { title: s.title, closesOn: s.closesOn },
      after: change,
    });
  });
}

export async function closeSurvey(db: Db, ctx: RequestContext, actor: Actor, id: number): Promise<void> {
  await db.transaction(async (tx) => {
    const s = await loadSurvey(tx, actor, id);
    authorize(surveyPolicy.close(actor, surveyRef(s, ctx.now)), true);
    await tx
      .update(needsSurveys)
      .set({ status: 'closed', closedAt: ctx.now })
      .where(and(eq(needsSurveys.id, s.id), eq(needsSurveys.status, 'open')));
    await recordEvent(tx, ctx, {
      action: 'needs_survey.close',
      entity: 'needs_survey',
      entityId: s.id,
      orgPath: s.orgPath,
      before: { status: 'open' },
      after: { status: 'closed' },
    });
  });
}

/** One link of the survey that the caller may see (else "not found"). */
export async function loadLink(db: Db, actor: Actor, s: SurveyRow, linkId: number): Promise<LinkRow> {
  const [link] = await linksInScope(db, actor, s.id, linkId);
  if (!link) throw notFound();
  return link;
}

/** A new token for one unit: a QR code that went where it should not stops working at once. */
export async function reissueLink(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  surveyId: number,
  linkId: number,
): Promise<void> {
  await db.transaction(async (tx) => {
    const s = await loadSurvey(tx, actor, surveyId);
    const link = await loadLink(tx, actor, s, linkId);
    authorize(surveyPolicy.reissue(actor, surveyRef(s, ctx.now), link), true);
    await tx.update(needsSurveyLinks).set({ token: newSurveyToken() }).where(eq(needsSurveyLinks.id, link.id));
    await recordEvent(tx, ctx, {
      action: 'needs_survey.reissue_link',
      entity: 'needs_survey',
      entityId: s.id,
      orgPath: link.orgPath,
      after: { linkId: link.id, orgId: link.orgId },
    });
  });
}
