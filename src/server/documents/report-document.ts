/**
 * What a report looks like to the document writers (report-docx.ts for the 公文-style .docx, report-xlsx.ts for the
 * city-wide 汇总表): plain data, already in the reader's language. modules/reports builds these from a report version
 * (figures frozen at submission) or from the live period grid; the writers know nothing about the database.
 */
import type { FrozenFigure } from '../../domain/stats/figures.js';

export interface ReportDocument {
  /** e.g. "2026年暑期爱心托管 · 6月托管服务工作开展情况" */
  title: string;
  /** The reporting organisation (报送单位) and the one it reports to (报送至). */
  orgName: string;
  toOrgName: string;
  campaignName: string;
  /** Period in words, e.g. "2026年6月" or "截至 2026-04-20". */
  periodLabel: string;
  dueDate: string;
  /** Status in words (草稿 / 已报送 / 已退回 / 已通过) and the version shown. */
  statusLabel: string;
  version: number;
  submittedAt: string | null;
  submittedBy: string | null;
  /** Narrative sections under the headings of the report type, plain paragraphs (blank line = new paragraph; lines starting "- " or "1." are list items). */
  sections: { heading: string; text: string }[];
  /** The figures, frozen at submission (or live for a draft, then `asOf` says so). */
  figures: FrozenFigure[];
  /** For a district's or the city's report: one row per organisation below it (their figures) and who has not reported. */
  breakdown?: {
    columns: { key: string; label: string; unit: FrozenFigure['unit'] }[];
    rows: { orgName: string; status: string; values: (number | null)[] }[];
    totals: (number | null)[];
    notReported: string[];
  };
  /** Review trail: accepted/returned with comments, oldest first. */
  decisions: { version: number; decision: string; comment: string | null; by: string | null; at: string }[];
  attachments: { name: string }[];
}

/** The city-wide summary table (汇总表) of one report period: one row per organisation, one column per figure. */
export interface PeriodSheet {
  title: string;
  /** Sheet subtitle, e.g. "数据截至 2026-06-30，导出于 2026-07-01 09:00". */
  subtitle: string;
  columns: { key: string; label: string; unit: FrozenFigure['unit'] }[];
  rows: {
    orgName: string;
    /** The supervising organisation (district / industry union), for grouping. */
    parentName: string;
    status: string;
    submittedAt: string | null;
    onTime: boolean | null;
    values: (number | null)[];
  }[];
  totals: (number | null)[];
}
