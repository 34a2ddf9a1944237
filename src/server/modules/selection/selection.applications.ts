/**
 * Applications (申报): a unit applies for its class (linked to its 8/30 summary report), writes the narrative,
 * attaches photos and video links, and submits through the eligibility gate, which freezes the dossier; a
 * submitted application can be withdrawn. The district then recommends within the city's quota (append-only
 * decisions, serialised per campaign so two clerks cannot both take the last place). Every write records an event.
 */
import { and, desc, eq } from 'drizzle-orm';
import { withinQuota } from '../../../domain/selection/ranking.js';
import type { Actor } from '../../auth/actor.js';
import { authorize } from '../../auth/policy.js';
import type { RequestContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import { careClasses, classUnits, files, organizations, reports } from '../../db/schema.js';
import {
  selectionApplications,
  selectionRecommendations,
  selectionSettings,
  selectionSnapshots,
} from '../../db/tables/selection.js';
import { AppError, conflict, invalid, notFound } from '../../errors.js';
import { recordEvent } from '../../events/audit.js';
import { APPLICATION_OWNER, buildDossier } from './selection.dossier.js';
import { gateError, gateOf } from './selection.gate.js';
import { selectionPolicy } from './selection.policy.js';
import { type ApplicationRow, findVisibleApplication, recommendedCount } from './selection.repo.js';
import { quotaFor, settingsOf } from './selection.settings.js';

export async function loadApplication(db: Db, actor: Actor, id: number): Promise<ApplicationRow> {
  const a = await findVisibleApplication(db, actor, id);
  if (!a) throw notFound();
  return a;
}

const audit = (a: ApplicationRow, action: string, extra: Partial<Parameters<typeof recordEvent>[2]> = {}) => ({
  action: `selection.${action}`,
  entity: 'selection_application',
  entityId: a.id,
  orgPath: a.unitPath,
  ...extra,
});

export async function createApplication(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  campaignId: number,
  classId: number,
): Promise<ApplicationRow> {
  return db.transaction(async (tx) => {
    const [c] = await tx
      .select({
        id: careClasses.id,
        campaignId: careClasses.campaignId,
        unitId: classUnits.orgId,
        path: organizations.path,
      })
      .from(careClasses)
      .innerJoin(classUnits, and(eq(classUnits.classId, careClasses.id), eq(classUnits.isOwner, true)))
      .innerJoin(organizations, eq(organizations.id, classUnits.orgId))
      .where(eq(careClasses.id, classId));
    const visible = !!c && selectionPolicy.read(actor, { unitPath: c.path, status: 'draft' });
    authorize(!!c && selectionPolicy.apply(actor, c), visible);
    if (!c) throw notFound();
    if (c.campaignId !== campaignId)
      throw invalid('该托管班不属于本项目', 'The class belongs to another campaign', 'body.classId');
    const [taken] = await tx
      .select({ id: selectionApplications.id })
      .from(selectionApplications)
      .where(eq(selectionApplications.classId, classId));
    if (taken) throw conflict('该托管班已申报', 'This class has already applied');
    const [summary] = await tx
      .select({ id: reports.id })
      .from(reports)
      .where(and(eq(reports.campaignId, campaignId), eq(reports.orgId, c.unitId), eq(reports.type, 'summary')))
      .orderBy(desc(reports.id))
      .limit(1);
    const [row] = await tx
      .insert(selectionApplications)
      .values({
        campaignId,
        classId,
        orgId: c.unitId,
        reportId: summary?.id ?? null,
        createdBy: actor.userId,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning();
    if (!row) throw new AppError('INTERNAL');
    const a = await loadApplication(tx, actor, row.id);
    await recordEvent(tx, ctx, audit(a, 'apply', { after: row }));
    return a;
  });
}

export interface NarrativeInput {
  practices?: string | undefined;
  outcomes?: string | undefined;
  photoIds?: number[] | undefined;
  videoLinks?: string[] | undefined;
  version: number;
}

export async function updateApplication(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  input: NarrativeInput,
): Promise<ApplicationRow> {
  return db.transaction(async (tx) => {
    const a = await loadApplication(tx, actor, id);
    authorize(selectionPolicy.edit(actor, a), true);
    if (a.version !== input.version) throw new AppError('STALE_VERSION');
    if (input.photoIds) {
      const own = new Set(await ownPhotoIds(tx, a.id));
      const foreign = input.photoIds.filter((p) => !own.has(p));
      if (foreign.length)
        throw invalid(
          `照片 ${foreign.join('、')} 不是本申报上传的文件`,
          `Photos ${foreign.join(', ')} were not uploaded for this application`,
          'body.photoIds',
        );
    }
    const { version: _v, ...fields } = input;
    const set = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    await tx
      .update(selectionApplications)
      .set({ ...set, version: a.version + 1, updatedAt: ctx.now })
      .where(eq(selectionApplications.id, a.id));
    const before = Object.fromEntries(Object.keys(set).map((k) => [k, (a as unknown as Record<string, unknown>)[k]]));
    await recordEvent(tx, ctx, audit(a, 'update', { before, after: set }));
    return loadApplication(tx, actor, a.id);
  });
}

async function ownPhotoIds(tx: Db, applicationId: number): Promise<number[]> {
  const rows = await tx
    .select({ id: files.id })
    .from(files)
    .where(and(eq(files.ownerType, APPLICATION_OWNER), eq(files.ownerId, applicationId)));
  return rows.map((r) => r.id);
}

/** Submits through the gate: 422 with every unmet condition, else the dossier is frozen and the status changes. */
export async function submitApplication(db: Db, ctx: RequestContext, actor: Actor, id: number) {
  return db.transaction(async (tx) => {
    const a = await loadApplication(tx, actor, id);
    authorize(selectionPolicy.edit(actor, a), true);
    const settings = await settingsOf(tx, a.campaignId);
    const dossier = await buildDossier(tx, a, ctx.now);
    const unmet = gateOf(settings, dossier);
    if (unmet.length > 0) throw gateError(unmet);
    await tx.insert(selectionSnapshots).values({
      applicationId: a.id,
      dossier: dossier as unknown as Record<string, unknown>,
      takenBy: actor.userId,
      takenAt: ctx.now,
    });
    await tx
      .update(selectionApplications)
      .set({ status: 'submitted', submittedAt: ctx.now, version: a.version + 1, updatedAt: ctx.now })
      .where(eq(selectionApplications.id, a.id));
    await recordEvent(tx, ctx, audit(a, 'submit', { before: { status: a.status }, after: { status: 'submitted' } }));
    return loadApplication(tx, actor, a.id);
  });
}

export async function withdrawApplication(db: Db, ctx: RequestContext, actor: Actor, id: number, reason: string) {
  return db.transaction(async (tx) => {
    const a = await loadApplication(tx, actor, id);
    authorize(selectionPolicy.withdraw(actor, a), true);
    await tx
      .update(selectionApplications)
      .set({ status: 'withdrawn', version: a.version + 1, updatedAt: ctx.now })
      .where(eq(selectionApplications.id, a.id));
    await recordEvent(
      tx,
      ctx,
      audit(a, 'withdraw', { before: { status: a.status }, after: { status: 'withdrawn', reason } }),
    );
    return loadApplication(tx, actor, a.id);
  });
}

/** A district's recommendation (or its withdrawal), within the city's quota for that district. */
export async function recommendApplication(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  input: { recommended: boolean; reason: string },
) {
  return db.transaction(async (tx) => {
    const a = await loadApplication(tx, actor, id);
    authorize(selectionPolicy.recommend(actor, a), true);
    // Serialise the quota check per campaign: lock (creating if need be) the campaign's settings row.
    const s = await settingsOf(tx, a.campaignId);
    if (s.version === 0)
      await tx
        .insert(selectionSettings)
        .values({
          campaignId: a.campaignId,
          gate: s.gate as unknown as Record<string, unknown>,
          rubric: s.rubric,
          defaultQuota: s.defaultQuota,
          version: 1,
          updatedAt: ctx.now,
        })
        .onConflictDoNothing();
    await tx
      .select({ id: selectionSettings.campaignId })
      .from(selectionSettings)
      .where(eq(selectionSettings.campaignId, a.campaignId))
      .for('update');
    if (input.recommended && a.recommended !== true) {
      const used = await recommendedCount(tx, a.campaignId, a.districtId);
      const quota = quotaFor(s, a.districtId);
      if (!withinQuota(used, quota)) throw new AppError('SELECTION_QUOTA_EXCEEDED', { quota, used });
    }
    await tx.insert(selectionRecommendations).values({
      applicationId: a.id,
      orgId: a.districtId,
      recommended: input.recommended,
      reason: input.reason,
      decidedBy: actor.userId,
      decidedAt: ctx.now,
    });
    await recordEvent(
      tx,
      ctx,
      audit(a, input.recommended ? 'recommend' : 'unrecommend', {
        before: { recommended: a.recommended },
        after: { recommended: input.recommended, reason: input.reason },
      }),
    );
    return loadApplication(tx, actor, a.id);
  });
}
