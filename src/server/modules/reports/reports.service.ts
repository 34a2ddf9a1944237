/**
 * Changing reports (issue 14): start, save the draft (text pasted from Word cleaned), submit (figures frozen into a
 * new append-only version), accept or return with a comment (the supervising level's one decision on a version),
 * attachments, and ad-hoc requests. One transaction per write with its audit event; notices go through `notify`
 * in the same transaction.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { todayInChina } from '../../../domain/calendar/dates.js';
import { figuresAsOf, type ReportPeriod } from '../../../domain/reports/calendar.js';
import { cleanPastedText } from '../../../domain/reports/text.js';
import type { Role } from '../../../domain/people/roles.js';
import type { Actor } from '../../auth/actor.js';
import { authorize } from '../../auth/policy.js';
import type { RequestContext } from '../../context.js';
import type { Db } from '../../db/client.js';
import type { JsonValue } from '../../db/json-types.js';
import { reports, reportVersions } from '../../db/schema.js';
import { AppError, invalid, notFound } from '../../errors.js';
import { recordEvent } from '../../events/audit.js';
import type { FileStore } from '../../storage/fileStore.js';
import { checkUpload, type ReceivedUpload } from '../../storage/upload.js';
import { filesOfOwner, type FileRow } from '../files/files.repo.js';
import { attachFile } from '../files/files.service.js';
import { notify } from '../notifications/notify.js';
import { reportingWorld, type Slot, slotKey } from './reports.expected.js';
import { figuresOfOrg } from './reports.figures.js';
import { type ReportRef, reportPolicy } from './reports.policy.js';
import { classesByIds, classesOfUnit, findReportByKey, findVisibleReport, type ReportRow } from './reports.repo.js';
import type { SaveDraftInput, StartReportInput } from './reports.schema.js';
import { alignToHeadings, readNarrative, writeNarrative } from './reports.sections.js';

export const REPORT_OWNER = 'report';

/** A write guarded by the row version changed exactly one row, or someone else changed it first (409). */
function onlyOne(rows: { id: number }[]): void {
  if (rows.length !== 1) throw new AppError('STALE_VERSION');
}

export const refOf = (r: ReportRow): ReportRef => ({
  orgPath: r.orgPath,
  orgKind: r.orgKind,
  orgActive: r.orgActive,
  parentPath: r.parentPath,
  parentKind: r.parentKind,
  status: r.status as ReportRef['status'],
});

export const slotRef = (s: Slot): ReportRef => ({
  orgPath: s.org.path,
  orgKind: s.org.kind,
  orgActive: s.org.active,
  parentPath: s.org.parentPath,
  parentKind: s.org.parentKind,
  status: s.report ? (s.report.status as ReportRef['status']) : null,
});

/** The roles that write an organisation's reports, and those deciding on them at the level above. */
export const editorRolesOf = (kind: string): Role[] => (kind === 'unit' ? ['unit_admin'] : ['district_admin']);
export const deciderRolesOf = (parentKind: string | null): Role[] =>
  parentKind === 'city' ? ['city_admin'] : ['district_admin'];

export async function loadReport(db: Db, actor: Actor, id: number): Promise<ReportRow> {
  const r = await findVisibleReport(db, actor, id);
  if (!r) throw notFound();
  return r;
}

/** The period a stored report belongs to, from the campaign as it is now (or as started, if no longer listed). */
async function periodOfReport(
  db: Db,
  r: ReportRow,
  now: Date,
): Promise<{ period: ReportPeriod; applications: boolean }> {
  const world = await reportingWorld(db, r.campaignId, null, now);
  const key = slotKey(r.orgId, r.type, r.period);
  const slot = world?.slots.find((s) => slotKey(s.org.id, s.period.type, s.period.period) === key);
  if (!world || !slot) throw new AppError('INTERNAL');
  return { period: slot.period, applications: world.params.reporting.demonstrationApplicationsWithSummary };
}

export function applicationsAllowed(r: { type: string; orgKind: string }, enabled: boolean): boolean {
  return enabled && r.type === 'summary' && r.orgKind === 'unit';
}

export async function startReport(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  input: StartReportInput,
): Promise<{ report: ReportRow; created: boolean }> {
  const world = await reportingWorld(db, input.campaignId, actor, ctx.now);
  const org = world?.orgs.get(input.orgId);
  if (!world || !org) throw notFound();
  const slot = world.slots.find(
    (s) => slotKey(s.org.id, s.period.type, s.period.period) === slotKey(org.id, input.type, input.period),
  );
  if (!slot) {
    throw invalid(
      `${org.name}在本项目中无须报送该报告（类型 ${input.type}，期间「${input.period}」）`,
      `${org.name} owes no such report in this campaign (type ${input.type}, period "${input.period}")`,
    );
  }
  if (slot.report) return { report: slot.report, created: false };
  authorize(reportPolicy.edit(actor, slotRef(slot)), true);
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(reports)
      .values({
        campaignId: world.campaign.id,
        orgId: org.id,
        type: slot.period.type,
        period: slot.period.period,
        requestId: slot.period.requestId,
        dueDate: slot.period.dueDate,
        status: 'draft',
        draft: writeNarrative(
          { sections: slot.period.headings.map((heading) => ({ heading, text: '' })), applications: [] },
          new Map(),
        ),
        createdBy: actor.userId,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) return undefined;
    await recordEvent(tx, ctx, {
      action: 'report.start',
      entity: 'report',
      entityId: row.id,
      orgPath: org.path,
      after: { campaignId: row.campaignId, orgId: row.orgId, type: row.type, period: row.period, dueDate: row.dueDate },
    });
    return row.id;
  });
  // A concurrent start won the race: answer with that report.
  const existing =
    id ??
    (
      await findReportByKey(db, {
        campaignId: world.campaign.id,
        orgId: org.id,
        type: input.type,
        period: input.period,
      })
    )?.id;
  if (existing === undefined) throw new AppError('INTERNAL');
  return { report: await loadReport(db, actor, existing), created: id !== undefined };
}

export async function saveDraft(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  input: SaveDraftInput,
): Promise<ReportRow> {
  const { period, applications: appsEnabled } = await periodOfReport(db, await loadReport(db, actor, id), ctx.now);
  return db.transaction(async (tx) => {
    const r = await findVisibleReport(tx, actor, id);
    authorize(!!r && reportPolicy.edit(actor, refOf(r)), !!r);
    if (!r) throw notFound();
    if (r.version !== input.version) throw new AppError('STALE_VERSION');
    const headings = new Set(period.headings);
    const strange = input.sections.filter((s) => !headings.has(s.heading)).map((s) => s.heading);
    if (strange.length > 0) {
      throw invalid(
        `sections: 「${strange.join('、')}」不是本报告的栏目（${period.headings.join('、')}）`,
        `sections: "${strange.join('", "')}" are not headings of this report (${period.headings.join(', ')})`,
        'body.sections',
      );
    }
    const sections = alignToHeadings(
      period.headings,
      input.sections.map((s) => ({ heading: s.heading, text: cleanPastedText(s.text) })),
    );
    const before = readNarrative(r.draft);
    let applications = before.applications;
    const names = new Map<number, string>();
    if (input.applications !== undefined) {
      if (input.applications.length > 0 && !applicationsAllowed(r, appsEnabled)) {
        throw invalid(
          '只有基层单位的年度总结可以申报市级示范托管班',
          'Only a unit’s annual summary carries demonstration-class applications',
          'body.applications',
        );
      }
      const own = await classesOfUnit(tx, r.campaignId, r.orgId);
      const ownIds = new Set(own.map((c) => c.classId));
      const foreign = input.applications.filter((c) => !ownIds.has(c));
      if (foreign.length > 0) {
        throw invalid(
          `applications: 托管班 ${foreign.join('、')} 不是本单位本项目的托管班`,
          `applications: classes ${foreign.join(', ')} are not this unit’s classes of the campaign`,
          'body.applications',
        );
      }
      applications = [...new Set(input.applications)];
      for (const c of own) names.set(c.classId, c.name);
    } else {
      for (const c of await classesByIds(tx, applications)) names.set(c.classId, c.name);
    }
    let attachments = r.attachments;
    if (input.attachments !== undefined) {
      const own = new Set((await filesOfOwner(tx, REPORT_OWNER, r.id)).map((f) => f.id));
      const foreign = input.attachments.filter((f) => !own.has(f));
      if (foreign.length > 0) {
        throw invalid(
          `attachments: 文件 ${foreign.join('、')} 不是为本报告上传的附件`,
          `attachments: files ${foreign.join(', ')} were not uploaded for this report`,
          'body.attachments',
        );
      }
      attachments = [...new Set(input.attachments)];
    }
    const draft = writeNarrative({ sections, applications }, names);
    await tx
      .update(reports)
      .set({ draft, attachments, version: r.version + 1, updatedAt: ctx.now })
      .where(and(eq(reports.id, r.id), eq(reports.version, r.version)))
      .returning({ id: reports.id })
      .then(onlyOne);
    await recordEvent(tx, ctx, {
      action: 'report.saveDraft',
      entity: 'report',
      entityId: r.id,
      orgPath: r.orgPath,
      before: { draft: r.draft, attachments: r.attachments },
      after: { draft, attachments },
    });
    return reloadIn(tx, actor, r.id);
  });
}

async function reloadIn(tx: Db, actor: Actor, id: number): Promise<ReportRow> {
  const r = await findVisibleReport(tx, actor, id);
  if (!r) throw new AppError('INTERNAL');
  return r;
}

export async function submitReport(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  version: number,
): Promise<ReportRow> {
  const pre = await loadReport(db, actor, id);
  authorize(reportPolicy.submit(actor, refOf(pre)), true);
  const { period } = await periodOfReport(db, pre, ctx.now);
  // The figures are read before the transaction (the read layer runs its queries side by side, which one
  // transaction's connection cannot); they are as of a day that is over or is today, so nothing is lost.
  const asOf = figuresAsOf(period, todayInChina(ctx.now));
  const figures = await figuresOfOrg(db, {
    campaignId: pre.campaignId,
    org: { id: pre.orgId, kind: pre.orgKind },
    asOf,
    keys: period.figureKeys,
  });
  return db.transaction(async (tx) => {
    const r = await findVisibleReport(tx, actor, id);
    authorize(!!r && reportPolicy.submit(actor, refOf(r)), !!r);
    if (!r) throw notFound();
    if (r.version !== version) throw new AppError('STALE_VERSION');
    const narrative = readNarrative(r.draft);
    const written = new Map(narrative.sections.map((s) => [s.heading, s.text.trim()]));
    const empty = period.headings.filter((h) => !written.get(h));
    if (empty.length > 0) {
      throw invalid(
        `以下栏目尚未填写：${empty.join('、')}`,
        `These sections are still empty: ${empty.join(', ')}`,
        'body',
      );
    }
    const next = r.currentVersion + 1;
    await tx.insert(reportVersions).values({
      reportId: r.id,
      version: next,
      sections: r.draft,
      figures: figures as unknown as JsonValue,
      attachments: r.attachments,
      asOf,
      submittedBy: actor.userId,
      submittedAt: ctx.now,
    });
    await tx
      .update(reports)
      .set({
        status: 'submitted',
        currentVersion: next,
        firstSubmittedAt: r.firstSubmittedAt ?? ctx.now,
        submittedAt: ctx.now,
        version: r.version + 1,
        updatedAt: ctx.now,
      })
      .where(and(eq(reports.id, r.id), eq(reports.version, r.version)))
      .returning({ id: reports.id })
      .then(onlyOne);
    await recordEvent(tx, ctx, {
      action: next === 1 ? 'report.submit' : 'report.resubmit',
      entity: 'report',
      entityId: r.id,
      orgPath: r.orgPath,
      before: { status: r.status, currentVersion: r.currentVersion },
      after: { status: 'submitted', currentVersion: next, asOf, figures: figures.length },
    });
    if (r.parentId !== null) {
      await notify(
        tx,
        ctx.now,
        { orgs: [{ orgId: r.parentId, roles: deciderRolesOf(r.parentKind) }] },
        {
          kind: 'report.submitted',
          title: `${r.orgName}${next === 1 ? '已报送' : '已重新报送'}：${period.title}`,
          body: `${r.orgName}报送了「${period.title}」（第 ${next} 版），请审核。`,
          link: `/reports/${r.id}`,
          data: { reportId: r.id, version: next },
        },
        'report.submit',
      );
    }
    return reloadIn(tx, actor, r.id);
  });
}

export async function decideReport(
  db: Db,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  d: { decision: 'accepted' | 'returned'; version: number; comment?: string | undefined },
): Promise<ReportRow> {
  return db.transaction(async (tx) => {
    const r = await findVisibleReport(tx, actor, id);
    const allowed =
      !!r && (d.decision === 'accepted' ? reportPolicy.accept(actor, refOf(r)) : reportPolicy.return(actor, refOf(r)));
    authorize(allowed, !!r);
    if (!r) throw notFound();
    if (r.version !== d.version) throw new AppError('STALE_VERSION');
    const comment = d.comment ? cleanPastedText(d.comment) : null;
    const decided = await tx
      .update(reportVersions)
      .set({ decision: d.decision, comment, decidedBy: actor.userId, decidedAt: ctx.now })
      .where(
        and(
          eq(reportVersions.reportId, r.id),
          eq(reportVersions.version, r.currentVersion),
          isNull(reportVersions.decision),
        ),
      )
      .returning({ id: reportVersions.id });
    if (decided.length !== 1) throw new AppError('STALE_VERSION');
    await tx
      .update(reports)
      .set({
        status: d.decision,
        acceptedAt: d.decision === 'accepted' ? ctx.now : r.acceptedAt,
        version: r.version + 1,
        updatedAt: ctx.now,
      })
      .where(and(eq(reports.id, r.id), eq(reports.version, r.version)))
      .returning({ id: reports.id })
      .then(onlyOne);
    await recordEvent(tx, ctx, {
      action: d.decision === 'accepted' ? 'report.accept' : 'report.return',
      entity: 'report',
      entityId: r.id,
      orgPath: r.orgPath,
      before: { status: r.status },
      after: { status: d.decision, version: r.currentVersion, comment },
    });
    await notify(
      tx,
      ctx.now,
      { orgs: [{ orgId: r.orgId, roles: editorRolesOf(r.orgKind) }] },
      {
        kind: d.decision === 'accepted' ? 'report.accepted' : 'report.returned',
        severity: d.decision === 'accepted' ? 'info' : 'warning',
        title: d.decision === 'accepted' ? '报告已通过审核' : '报告被退回，请修改后重新报送',
        body:
          d.decision === 'accepted'
            ? `「${r.orgName}」的报告（第 ${r.currentVersion} 版）已通过。`
            : `「${r.orgName}」的报告（第 ${r.currentVersion} 版）被退回：${comment ?? ''}`,
        link: `/reports/${r.id}`,
        data: { reportId: r.id, version: r.currentVersion },
      },
      d.decision === 'accepted' ? 'report.accept' : 'report.return',
    );
    return reloadIn(tx, actor, r.id);
  });
}

/** Keeps an attachment for an already loaded and authorised report; cite its id in the draft to attach it. */
export async function addReportFile(
  db: Db,
  store: FileStore,
  ctx: RequestContext,
  r: ReportRow,
  received: ReceivedUpload,
): Promise<FileRow> {
  const checked = checkUpload(received);
  return attachFile(
    db,
    store,
    ctx,
    { ownerType: REPORT_OWNER, ownerId: r.id, orgId: r.orgId, orgPath: r.orgPath },
    'attachment',
    checked,
  );
}
