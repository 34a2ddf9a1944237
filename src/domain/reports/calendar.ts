/**
 * The reports a campaign expects (P-K1…P-K4, and ad-hoc requests): their types, periods, headings, the day their
 * figures are taken as of, and the timeliness of a submission. Pure; modules/reports applies it to the tree.
 */
import { type IsoDate, minDate } from '../calendar/dates.js';
import { type Deadline, reportingDeadlines } from '../campaign/deadlines.js';
import type { Campaign } from '../campaign/schema.js';

export type ReportType = 'plan' | 'preparation' | 'monthly' | 'summary' | 'adhoc';

/** One report period of a campaign: every expected organisation owes one report for it. */
export interface ReportPeriod {
  type: ReportType;
  /** 'YYYY-MM' for monthly, the request id for ad-hoc, '' otherwise (the `reports.period` column). */
  period: string;
  requestId: number | null;
  dueDate: IsoDate;
  title: string;
  headings: string[];
  /** For ad-hoc requests: the issuing organisation's path (only its subtree reports) and the figure keys asked. */
  issuerPath?: string;
  figureKeys?: string[];
}

/** 工作方案的五项内容 (P-K1), as the seed names them. */
export const PLAN_HEADINGS = ['目标任务', '工作措施', '资金保障', '监督管理', '工作成效'];
/** 准备工作情况 (P-K2): the preparation the seed lists. */
export const PREPARATION_HEADINGS = ['模式选择', '协议签订', '场地布置', '课程安排'];
/**
 * 每月工作开展情况 (P-K3): what the month's work was, the supervision the seed asks for (安全、卫生、消防等过程监管,
 * 跟踪问效、整改落实), and what comes next.
 */
export const MONTHLY_HEADINGS = ['本月工作开展情况', '安全卫生消防监管', '存在问题及整改落实', '下月工作安排'];
/** 年度工作总结 (P-K4): what was done and achieved, the experience to spread (P-W3), and what to improve. */
export const SUMMARY_HEADINGS = ['工作开展情况', '主要成效', '经验做法', '存在问题及改进措施'];
/** The section holding the classes a unit proposes as city-level demonstration classes (P-T3, P-K4). */
export const APPLICATIONS_HEADING = '申报市级示范爱心托管班';

export function headingsOf(type: Exclude<ReportType, 'adhoc'>): string[] {
  switch (type) {
    case 'plan':
      return PLAN_HEADINGS;
    case 'preparation':
      return PREPARATION_HEADINGS;
    case 'monthly':
      return MONTHLY_HEADINGS;
    case 'summary':
      return SUMMARY_HEADINGS;
  }
}

export interface AdhocRequest {
  id: number;
  title: string;
  dueDate: IsoDate;
  headings: string[];
  figureKeys: string[];
  issuerPath: string;
}

function fromDeadline(d: Deadline): ReportPeriod {
  return {
    type: d.kind,
    period: d.month ?? '',
    requestId: null,
    dueDate: d.due,
    title: d.title.zh,
    headings: headingsOf(d.kind),
  };
}

/** Every report period of the campaign, in due-date order (ties: calendar before ad-hoc). */
export function reportPeriods(c: Campaign, requests: readonly AdhocRequest[] = []): ReportPeriod[] {
  const list = reportingDeadlines(c).map(fromDeadline);
  for (const r of requests) {
    list.push({
      type: 'adhoc',
      period: String(r.id),
      requestId: r.id,
      dueDate: r.dueDate,
      title: r.title,
      headings: r.headings,
      issuerPath: r.issuerPath,
      figureKeys: r.figureKeys,
    });
  }
  return list
    .map((p, i) => ({ p, i }))
    .sort((a, b) => (a.p.dueDate < b.p.dueDate ? -1 : a.p.dueDate > b.p.dueDate ? 1 : a.i - b.i))
    .map((x) => x.p);
}

/**
 * The day a report's figures are taken as of: the end of the month for a monthly report, the due date otherwise —
 * and never later than today (a report written early says what is true now).
 */
export function figuresAsOf(p: { type: ReportType; period: string; dueDate: IsoDate }, today: IsoDate): IsoDate {
  return minDate(p.dueDate, today);
}

/** The period in words, e.g. "2026年6月" or "截至 2026-04-20". */
export function periodLabel(p: { type: ReportType; period: string; dueDate: IsoDate }): string {
  if (p.type === 'monthly' && /^\d{4}-\d{2}$/.test(p.period)) {
    return `${p.period.slice(0, 4)}年${Number(p.period.slice(5, 7))}月`;
  }
  return `截至 ${p.dueDate}`;
}

export type TimelinessState = 'on_time' | 'late' | 'missing' | 'not_yet_due';

/**
 * DHIS2-style timeliness: on time when first submitted (China date) on or before the due date, late after it;
 * never submitted is missing once the due date has passed and not yet due until then.
 */
export function timeliness(dueDate: IsoDate, firstSubmittedOn: IsoDate | null, today: IsoDate): TimelinessState {
  if (firstSubmittedOn !== null) return firstSubmittedOn <= dueDate ? 'on_time' : 'late';
  return today > dueDate ? 'missing' : 'not_yet_due';
}
