/**
 * What leaves the server about reports: a row of the expected-reports list (with the caller's abilities), and the
 * detail a reader, a reviewer and the printable view need — the draft, every version side by side, live or frozen
 * figures, a district's breakdown of its units and who has not reported — and the ReportDocument the .docx is
 * written from.
 */
import { figuresAsOf, periodLabel } from '../../../domain/reports/calendar.js';
import type { FrozenFigure } from '../../../domain/stats/figures.js';
import type { Actor } from '../../auth/actor.js';
import type { Db } from '../../db/client.js';
import type { ReportDocument } from '../../documents/report-document.js';
import { filesOfOwner, type FileRow } from '../files/files.repo.js';
import { chinaDate, type ReportingWorld, type Slot } from './reports.expected.js';
import { definitionsOf, figuresOfOrg, figuresOfUnits, totalsOf } from './reports.figures.js';
import { reportAbilities } from './reports.policy.js';
import { classesByIds, classesOfUnit, type ReportRow, versionsOf } from './reports.repo.js';
import type { ReportDetailDto, ReportSlotDto, ReportType } from './reports.schema.js';
import { alignToHeadings, readNarrative } from './reports.sections.js';
import { applicationsAllowed, REPORT_OWNER, slotRef } from './reports.service.js';

export const STATUS_WORDS: Record<string, string> = {
  missing: '未报送',
  draft: '草稿',
  submitted: '已报送',
  returned: '已退回',
  accepted: '已通过',
};
export const STATE_WORDS: Record<string, string> = {
  on_time: '按时',
  late: '逾期',
  missing: '缺报',
  not_yet_due: '未到期',
};

export function presentSlot(actor: Actor | null, s: Slot, campaignId: number): ReportSlotDto {
  const r = s.report;
  const first = chinaDate(r?.firstSubmittedAt ?? null);
  return {
    reportId: r?.id ?? null,
    campaignId,
    orgId: s.org.id,
    orgName: s.org.name,
    orgKind: s.org.kind,
    toOrgId: s.org.parentId,
    toOrgName: s.org.parentName,
    type: s.period.type as ReportType,
    period: s.period.period,
    requestId: s.period.requestId,
    title: s.period.title,
    dueDate: s.period.dueDate,
    status: s.status,
    state: s.state,
    currentVersion: r?.currentVersion ?? 0,
    firstSubmittedAt: r?.firstSubmittedAt ?? null,
    submittedAt: r?.submittedAt ?? null,
    acceptedAt: r?.acceptedAt ?? null,
    onTime: first === null ? null : first <= s.period.dueDate,
    version: r?.version ?? 0,
    abilities: actor
      ? reportAbilities(actor, slotRef(s))
      : { edit: false, submit: false, accept: false, return: false },
  };
}

const attachmentOf = (f: FileRow) => ({
  id: f.id,
  filename: f.filename,
  contentType: f.contentType,
  size: f.size,
  url: `/api/files/${f.id}`,
});

function readFrozen(raw: unknown): FrozenFigure[] {
  return Array.isArray(raw) ? (raw as FrozenFigure[]).filter((f) => f && typeof f.key === 'string') : [];
}

export async function presentDetail(
  db: Db,
  actor: Actor | null,
  world: ReportingWorld,
  slot: Slot,
  r: ReportRow,
): Promise<ReportDetailDto> {
  const period = slot.period;
  const narrative = readNarrative(r.draft);
  const enabled = applicationsAllowed(r, world.params.reporting.demonstrationApplicationsWithSummary);
  const files = await filesOfOwner(db, REPORT_OWNER, r.id);
  const fileById = new Map(files.map((f) => [f.id, f]));
  const attachmentsOf = (ids: readonly number[]) =>
    ids.flatMap((id) => {
      const f = fileById.get(id);
      return f ? [attachmentOf(f)] : [];
    });
  const versions = await versionsOf(db, r.id);
  const classIds = [
    ...new Set([...narrative.applications, ...versions.flatMap((v) => readNarrative(v.sections).applications)]),
  ];
  const classes = new Map((await classesByIds(db, classIds)).map((c) => [c.classId, c]));
  const applicationsOf = (ids: readonly number[]) =>
    ids.map((id) => classes.get(id) ?? { classId: id, name: `#${id}`, status: 'unknown' });

  const liveAsOf = figuresAsOf(period, world.today);
  const liveFigures = await figuresOfOrg(db, {
    campaignId: r.campaignId,
    org: { id: r.orgId, kind: r.orgKind },
    asOf: liveAsOf,
    keys: period.figureKeys,
  });
  const latest = versions.at(-1);
  const shownAsOf = latest && r.status !== 'draft' && r.status !== 'returned' ? latest.asOf : liveAsOf;

  let breakdown: ReportDetailDto['breakdown'] = null;
  if (r.orgKind === 'district' || r.orgKind === 'industry') {
    const rows = world.slots.filter(
      (s) => s.org.parentId === r.orgId && s.period.type === period.type && s.period.period === period.period,
    );
    const defs = definitionsOf(period.figureKeys);
    const values = await figuresOfUnits(db, {
      campaignId: r.campaignId,
      unitIds: rows.map((s) => s.org.id),
      asOf: shownAsOf,
      keys: period.figureKeys,
    });
    breakdown = {
      columns: defs.map((d) => ({ key: d.key, label: d.label.zh, unit: d.unit })),
      rows: rows.map((s) => ({
        orgId: s.org.id,
        orgName: s.org.name,
        reportId: s.report?.id ?? null,
        status: s.status,
        state: s.state,
        values: (values.get(s.org.id) ?? []).map((v) => v.value),
      })),
      totals: totalsOf(
        defs,
        rows.map((s) => values.get(s.org.id) ?? []),
      ),
      notReported: rows
        .filter((s) => !s.report?.firstSubmittedAt)
        .map((s) => ({ orgId: s.org.id, orgName: s.org.name })),
    };
  }

  return {
    ...presentSlot(actor, slot, r.campaignId),
    id: r.id,
    campaignName: world.campaign.name,
    periodLabel: periodLabel(period),
    headings: period.headings,
    sections: alignToHeadings(period.headings, narrative.sections),
    applicationsEnabled: enabled,
    applications: applicationsOf(narrative.applications),
    applicationCandidates: enabled ? await classesOfUnit(db, r.campaignId, r.orgId) : [],
    attachments: attachmentsOf(r.attachments),
    liveFigures,
    asOf: liveAsOf,
    versions: versions.map((v) => {
      const n = readNarrative(v.sections);
      return {
        version: v.version,
        sections: n.sections,
        applications: applicationsOf(n.applications),
        figures: readFrozen(v.figures),
        attachments: attachmentsOf(v.attachments),
        asOf: v.asOf,
        submittedAt: v.submittedAt,
        submittedById: v.submittedBy,
        submittedByName: v.submittedByName,
        decision: (v.decision as 'accepted' | 'returned' | null) ?? null,
        comment: v.comment,
        decidedById: v.decidedBy,
        decidedByName: v.decidedByName,
        decidedAt: v.decidedAt,
      };
    }),
    breakdown,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

const stamp = (d: Date | null) =>
  d ? new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ') : null;

/**
 * The document of a report: its latest submitted version (figures frozen), or the draft with live figures while
 * nothing was submitted or it was returned and is being reworked — then the status says so.
 */
export function reportDocument(d: ReportDetailDto): ReportDocument {
  const latest = d.versions.at(-1);
  const useDraft = !latest || d.status === 'draft';
  const sections = useDraft ? d.sections : latest.sections;
  const applications = useDraft ? d.applications : latest.applications;
  const withApps =
    applications.length > 0
      ? [...sections, { heading: '申报市级示范爱心托管班', text: applications.map((a) => `- ${a.name}`).join('\n') }]
      : sections;
  return {
    title: `${d.campaignName} · ${d.title}`,
    orgName: d.orgName,
    toOrgName: d.toOrgName ?? '',
    campaignName: d.campaignName,
    periodLabel: d.periodLabel,
    dueDate: d.dueDate,
    statusLabel: STATUS_WORDS[d.status] ?? d.status,
    version: useDraft ? d.currentVersion : latest.version,
    submittedAt: useDraft ? null : stamp(latest.submittedAt),
    submittedBy: useDraft ? null : latest.submittedByName,
    sections: withApps,
    figures: useDraft ? d.liveFigures : latest.figures,
    ...(d.breakdown
      ? {
          breakdown: {
            columns: d.breakdown.columns,
            rows: d.breakdown.rows.map((r) => ({
              orgName: r.orgName,
              status: STATUS_WORDS[r.status] ?? r.status,
              values: r.values,
            })),
            totals: d.breakdown.totals,
            notReported: d.breakdown.notReported.map((o) => o.orgName),
          },
        }
      : {}),
    decisions: d.versions
      .filter((v) => v.decision !== null && v.decidedAt !== null)
      .map((v) => ({
        version: v.version,
        decision: v.decision === 'accepted' ? '通过' : '退回',
        comment: v.comment,
        by: v.decidedByName,
        at: stamp(v.decidedAt) ?? '',
      })),
    attachments: (useDraft ? d.attachments : latest.attachments).map((a) => ({ name: a.filename })),
  };
}
