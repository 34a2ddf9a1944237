/**
 * The dossier (申报材料) assembles itself from the class's record through the one read layer
 * (`classRecord`, modules/stats) plus the unit's narrative, photos, video links and its 8/30 summary report. It is
 * computed live while the application is a draft and frozen (selection_snapshots) at submission; reviewers and the
 * ranking read the frozen copy. `blind` strips the applicant's identity for reviewers in blind mode.
 */
import { and, desc, eq } from 'drizzle-orm';
import { todayInChina } from '../../../domain/calendar/dates.js';
import type { FailingRule, GateFacts } from '../../../domain/selection/gate.js';
import type { DataFigures } from '../../../domain/selection/rubric.js';
import type { Db } from '../../db/client.js';
import { careClasses, files, reports } from '../../db/schema.js';
import { selectionSnapshots } from '../../db/tables/selection.js';
import { classRecord } from '../stats/stats.class-record.js';
import type { ApplicationRow } from './selection.repo.js';

export const APPLICATION_OWNER = 'selection_application';

export interface Dossier {
  asOf: string;
  class: { id: number; name: string; status: string; startDate: string | null; endDate: string | null };
  unitName: string;
  districtName: string;
  figures: {
    children: number;
    capacity: number;
    workingDays: number;
    attendanceRate: number | null;
    recordsCompleteness: number | null;
    incidents: { minor: number; serious: number; critical: number };
    openSeriousIncidents: number;
    inspectionsDone: number;
    rectifications: { total: number; open: number };
    satisfactionIndex: number | null;
    funding: { incomeFen: number; expenseFen: number } | null;
  };
  /** The latest failing rules (null: never evaluated) and every evaluation over time. */
  failingRules: FailingRule[] | null;
  verdicts: { asOf: string; computedAt: string; trigger: string; failing: string[] }[];
  summaryReport: { id: number; status: string; submittedAt: string | null } | null;
  narrative: { practices: string; outcomes: string };
  photos: { id: number; filename: string }[];
  videoLinks: string[];
}

export async function buildDossier(db: Db, app: ApplicationRow, now: Date): Promise<Dossier> {
  const asOf = todayInChina(now);
  const [cls] = await db.select().from(careClasses).where(eq(careClasses.id, app.classId));
  const rec = await classRecord(db, { campaignId: app.campaignId, classId: app.classId, unitId: app.orgId, asOf });
  const [report] = app.reportId
    ? await db
        .select({ id: reports.id, status: reports.status, submittedAt: reports.submittedAt })
        .from(reports)
        .where(eq(reports.id, app.reportId))
    : [];
  const photoRows = await db
    .select({ id: files.id, filename: files.filename })
    .from(files)
    .where(and(eq(files.ownerType, APPLICATION_OWNER), eq(files.ownerId, app.id)));
  const wanted = new Set(app.photoIds);
  return {
    asOf,
    class: {
      id: app.classId,
      name: app.className,
      status: app.classStatus,
      startDate: cls?.startDate ?? null,
      endDate: cls?.endDate ?? null,
    },
    unitName: app.unitName,
    districtName: app.districtName,
    figures: {
      children: rec?.fact.children.length ?? 0,
      capacity: rec?.fact.capacity ?? cls?.capacity ?? 0,
      workingDays: rec?.workingDays ?? 0,
      attendanceRate: rec?.attendanceRate ?? null,
      recordsCompleteness: rec?.recordsCompleteness ?? null,
      incidents: rec?.incidents ?? { minor: 0, serious: 0, critical: 0 },
      openSeriousIncidents: rec?.fact.openSeriousIncidents ?? 0,
      inspectionsDone: rec?.inspectionsDone ?? 0,
      rectifications: rec?.rectifications ?? { total: 0, open: 0 },
      satisfactionIndex: rec?.satisfactionIndex ?? null,
      funding: rec?.funding ?? null,
    },
    failingRules: rec?.latestFailing ?? null,
    verdicts: rec?.verdicts ?? [],
    summaryReport: report
      ? { id: report.id, status: report.status, submittedAt: report.submittedAt?.toISOString() ?? null }
      : null,
    narrative: { practices: app.practices, outcomes: app.outcomes },
    photos: photoRows.filter((p) => wanted.has(p.id)),
    videoLinks: app.videoLinks,
  };
}

/** The dossier frozen at the latest submission. */
export async function frozenDossier(db: Db, applicationId: number): Promise<Dossier | undefined> {
  const [row] = await db
    .select({ dossier: selectionSnapshots.dossier })
    .from(selectionSnapshots)
    .where(eq(selectionSnapshots.applicationId, applicationId))
    .orderBy(desc(selectionSnapshots.takenAt), desc(selectionSnapshots.id))
    .limit(1);
  return row?.dossier as Dossier | undefined;
}

const SUBMITTED_REPORT = new Set(['submitted', 'accepted', 'returned']);

export function gateFacts(d: Dossier): GateFacts {
  return {
    classStatus: d.class.status,
    failingRules: d.failingRules,
    seriousIncidents: d.figures.incidents.serious + d.figures.incidents.critical,
    openRectifications: d.figures.rectifications.open,
    summarySubmitted: !!d.summaryReport && SUBMITTED_REPORT.has(d.summaryReport.status),
    attendanceRate: d.figures.attendanceRate,
    narrativeGiven: d.narrative.practices.trim().length > 0 && d.narrative.outcomes.trim().length > 0,
  };
}

export function dataFigures(d: Dossier): DataFigures {
  return {
    attendanceRate: d.figures.attendanceRate,
    children: d.figures.children,
    satisfactionIndex: d.figures.satisfactionIndex,
    evaluations: d.verdicts.length,
    passingEvaluations: d.verdicts.filter((v) => v.failing.length === 0).length,
    recordsCompleteness: d.figures.recordsCompleteness,
  };
}

/** What a reviewer in blind mode sees: no class, unit or district name, no photo file names. */
export function blinded(d: Dossier, applicationId: number): Dossier {
  return {
    ...d,
    class: { ...d.class, id: 0, name: `申报 #${applicationId}` },
    unitName: '（盲评隐藏）',
    districtName: '（盲评隐藏）',
    photos: d.photos.map((p) => ({ id: p.id, filename: '' })),
  };
}
