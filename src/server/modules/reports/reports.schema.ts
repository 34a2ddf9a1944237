/**
 * Shapes of the reports API (issue 14: reports up the tree, P-K1…P-K4, P-W3). The web pages (src/web/pages/reports)
 * import these types; changes here are additive only.
 *
 * Routes (all private; every record carries the caller's abilities; "not found" = "not allowed"):
 *   GET  /api/reports?campaignId=&orgId=&type=&period=&status=&state=   expected reports visible to the caller (a row
 *                                                         per organisation × report, reportId null when not started)
 *   POST /api/reports                                     start a report (creates the draft; an existing one is returned, 200)
 *   GET  /api/reports/:id                                 detail: draft, every submitted version side by side, live or
 *                                                         frozen figures, a district's breakdown and who has not reported
 *   PUT  /api/reports/:id/draft                           save the draft (sections, applications, attachments; `version`)
 *   POST /api/reports/:id/submit                          submit (freezes the figures into a new version; `version`)
 *   POST /api/reports/:id/accept                          the supervising level accepts the latest version (`version`)
 *   POST /api/reports/:id/return                          the supervising level returns it with a required comment
 *   GET  /api/reports/:id/files                           attachments uploaded for the report
 *   POST /api/reports/:id/files                           upload an attachment (multipart: file); then cite its id in the draft
 *   GET  /api/reports/:id/docx                            the report as a 公文-style .docx (the latest version, or the draft)
 *   GET  /api/reports/timeliness?campaignId=&orgId=       the grid organisation × report with each cell's state and
 *                                                         counts per column (city: districts and all units; district: its units)
 *   GET  /api/reports/period-sheet.xlsx?campaignId=&type=&period=&orgId=   the 汇总表 of one period (.xlsx)
 *   GET  /api/reports/figures                             the figure catalogue (keys an ad-hoc request may ask for)
 *   GET  /api/report-requests?campaignId=                 ad-hoc requests (临时报送) visible to the caller
 *   POST /api/report-requests                             issue an ad-hoc request to an organisation's subtree
 */
import { z } from 'zod';
import { boundedIsoDate } from '../../../domain/calendar/bounded.js';

export const REPORT_TYPES = ['plan', 'preparation', 'monthly', 'summary', 'adhoc'] as const;
export type ReportType = (typeof REPORT_TYPES)[number];

/** Stored states of a started report. */
export const REPORT_STATUSES = ['draft', 'submitted', 'returned', 'accepted'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** Status of an expected report as listed: `missing` when nothing was started (whether or not it is due yet). */
export const SLOT_STATUSES = ['missing', ...REPORT_STATUSES] as const;
export type SlotStatus = (typeof SLOT_STATUSES)[number];

/**
 * Timeliness of an expected report (DHIS2's completeness/timeliness): on time = first submission on or before the
 * due date (China time); late = first submission after it; missing = never submitted and the due date has passed;
 * not yet due = never submitted and the due date is today or later.
 */
export const TIMELINESS_STATES = ['on_time', 'late', 'missing', 'not_yet_due'] as const;
export type TimelinessState = (typeof TIMELINESS_STATES)[number];

const id = z.number().int().positive();
const idParam = z.coerce.number().int().positive();
/** 'YYYY-MM' for monthly, the request id for ad-hoc, '' otherwise. */
const periodField = z
  .string()
  .trim()
  .max(20)
  .regex(/^(|\d{4}-(0[1-9]|1[0-2])|\d{1,9})$/, {
    message: "expected '', 'YYYY-MM' or an ad-hoc request id",
  });

export const reportIdParams = z.object({ id: idParam });

// ---- figures -------------------------------------------------------------------------------------------------

const figureUnit = z.enum(['count', 'percent', 'days', 'yuan']);
const words = z.object({ zh: z.string(), en: z.string() });

export const figureDefinitionResponse = z.object({
  key: z.string(),
  label: words,
  unit: figureUnit,
  rollUp: z.enum(['sum', 'ratio', 'distinct']),
  definition: words,
});
export const figureCatalogueResponse = z.object({ items: z.array(figureDefinitionResponse) });

/** A figure as a report shows it: frozen at submission, or live (for a draft) with `asOf` saying the day. */
export const frozenFigureResponse = z.object({
  key: z.string(),
  value: z.number().nullable(),
  numerator: z.number().optional(),
  denominator: z.number().optional(),
  label: words,
  unit: figureUnit,
  definition: words,
  asOf: z.string(),
});
export type FrozenFigureDto = z.infer<typeof frozenFigureResponse>;

// ---- narrative -----------------------------------------------------------------------------------------------

/** One narrative section under a heading of the report type. Text pasted from Word is cleaned on save. */
export const sectionBody = z.strictObject({
  heading: z.string().trim().min(1).max(100),
  text: z.string().max(20_000),
});
export const sectionResponse = z.object({ heading: z.string(), text: z.string() });

// ---- list ----------------------------------------------------------------------------------------------------

export const listReportsQuery = z.object({
  campaignId: idParam,
  /** The level to look at: this organisation and its subtree (default: everything the caller may see). */
  orgId: idParam.optional(),
  type: z.enum(REPORT_TYPES).optional(),
  period: periodField.optional(),
  status: z.enum(SLOT_STATUSES).optional(),
  state: z.enum(TIMELINESS_STATES).optional(),
});

export const reportAbilitiesSchema = z.object({
  /** Start (when not started), save the draft and upload attachments. */
  edit: z.boolean(),
  submit: z.boolean(),
  accept: z.boolean(),
  return: z.boolean(),
});
export type ReportAbilities = z.infer<typeof reportAbilitiesSchema>;

/** One expected report: an organisation × a report of the campaign, started or not. */
export const reportSlotResponse = z.object({
  reportId: z.number().nullable(),
  campaignId: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  orgKind: z.string(),
  /** The organisation it reports to (district / industry union for a unit, the city for a district). */
  toOrgId: z.number().nullable(),
  toOrgName: z.string().nullable(),
  type: z.enum(REPORT_TYPES),
  period: z.string(),
  requestId: z.number().nullable(),
  title: z.string(),
  dueDate: z.string(),
  status: z.enum(SLOT_STATUSES),
  state: z.enum(TIMELINESS_STATES),
  currentVersion: z.number(),
  firstSubmittedAt: z.date().nullable(),
  submittedAt: z.date().nullable(),
  acceptedAt: z.date().nullable(),
  /** null while never submitted. */
  onTime: z.boolean().nullable(),
  /** The row version for optimistic concurrency (0 when not started). */
  version: z.number(),
  abilities: reportAbilitiesSchema,
});
export type ReportSlotDto = z.infer<typeof reportSlotResponse>;

export const reportListResponse = z.object({ items: z.array(reportSlotResponse) });

// ---- start / draft / submit / decide -------------------------------------------------------------------------

export const startReportBody = z.strictObject({
  campaignId: id,
  orgId: id,
  type: z.enum(REPORT_TYPES),
  /** 'YYYY-MM' for monthly, the request id (as text) for ad-hoc, '' (or omitted) otherwise. */
  period: periodField.default(''),
});
export type StartReportInput = z.infer<typeof startReportBody>;

export const saveDraftBody = z.strictObject({
  sections: z.array(sectionBody).max(30),
  /** Summary with demonstration applications: ids of the unit's own classes it proposes (申报市级示范班). */
  applications: z.array(id).max(50).optional(),
  /** File ids uploaded for this report (POST /api/reports/:id/files). */
  attachments: z.array(id).max(30).optional(),
  version: z.number().int().positive(),
});
export type SaveDraftInput = z.infer<typeof saveDraftBody>;

export const versionBody = z.strictObject({ version: z.number().int().positive() });
export const returnBody = z.strictObject({
  version: z.number().int().positive(),
  /** Required: what to fix (退回意见). */
  comment: z.string().trim().min(2).max(2000),
});

// ---- detail --------------------------------------------------------------------------------------------------

export const attachmentResponse = z.object({
  id: z.number(),
  filename: z.string(),
  contentType: z.string(),
  size: z.number(),
  url: z.string(),
});

export const applicationResponse = z.object({ classId: z.number(), name: z.string(), status: z.string() });

/** One submission, as kept (append-only): compare versions side by side. */
export const reportVersionResponse = z.object({
  version: z.number(),
  sections: z.array(sectionResponse),
  applications: z.array(applicationResponse),
  figures: z.array(frozenFigureResponse),
  attachments: z.array(attachmentResponse),
  asOf: z.string(),
  submittedAt: z.date(),
  submittedById: z.number().nullable(),
  submittedByName: z.string().nullable(),
  /** null while waiting for the supervising level. */
  decision: z.enum(['accepted', 'returned']).nullable(),
  comment: z.string().nullable(),
  decidedById: z.number().nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: z.date().nullable(),
});
export type ReportVersionDto = z.infer<typeof reportVersionResponse>;

/** A district's (or the city's) report: its organisations below, their figures and whether they reported. */
export const breakdownResponse = z.object({
  columns: z.array(z.object({ key: z.string(), label: z.string(), unit: figureUnit })),
  rows: z.array(
    z.object({
      orgId: z.number(),
      orgName: z.string(),
      reportId: z.number().nullable(),
      status: z.enum(SLOT_STATUSES),
      state: z.enum(TIMELINESS_STATES),
      values: z.array(z.number().nullable()),
    }),
  ),
  totals: z.array(z.number().nullable()),
  /** Expected organisations below that have not submitted (listed in the report). */
  notReported: z.array(z.object({ orgId: z.number(), orgName: z.string() })),
});

export const reportDetailResponse = reportSlotResponse.extend({
  id: z.number(),
  campaignName: z.string(),
  /** Period in words, e.g. "2026年6月" or "截至 2026-04-20". */
  periodLabel: z.string(),
  /** The headings of the report type (or the ad-hoc request), in order. */
  headings: z.array(z.string()),
  /** The working draft. */
  sections: z.array(sectionResponse),
  /** Summary reports of a campaign with demonstration applications: the proposed classes, and those one may pick. */
  applicationsEnabled: z.boolean(),
  applications: z.array(applicationResponse),
  applicationCandidates: z.array(applicationResponse),
  attachments: z.array(attachmentResponse),
  /** Live figures as of the period end (never after today) — what a submission now would freeze. */
  liveFigures: z.array(frozenFigureResponse),
  /** The day the figures are taken as of. */
  asOf: z.string(),
  /** Every submitted version, oldest first. */
  versions: z.array(reportVersionResponse),
  /** For a district's or the city's report; null for a unit's. */
  breakdown: breakdownResponse.nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type ReportDetailDto = z.infer<typeof reportDetailResponse>;

// ---- timeliness grid -----------------------------------------------------------------------------------------

export const timelinessQuery = z.object({
  campaignId: idParam,
  /** The level: the city (districts and all units) or a district / industry union (its units). Default: the caller's top node. */
  orgId: idParam.optional(),
});

const cellCounts = z.object({
  expected: z.number(),
  submitted: z.number(),
  onTime: z.number(),
  late: z.number(),
  missing: z.number(),
  notYetDue: z.number(),
  accepted: z.number(),
  returned: z.number(),
});

export const timelinessResponse = z.object({
  campaignId: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  /** China-time date the states were computed on. */
  today: z.string(),
  columns: z.array(
    z.object({
      type: z.enum(REPORT_TYPES),
      period: z.string(),
      requestId: z.number().nullable(),
      title: z.string(),
      dueDate: z.string(),
      counts: cellCounts,
    }),
  ),
  rows: z.array(
    z.object({
      orgId: z.number(),
      orgName: z.string(),
      orgKind: z.string(),
      parentId: z.number().nullable(),
      parentName: z.string().nullable(),
      /** One per column, in the columns' order; null where the organisation is not expected to report. */
      cells: z.array(
        z
          .object({
            reportId: z.number().nullable(),
            status: z.enum(SLOT_STATUSES),
            state: z.enum(TIMELINESS_STATES),
            submittedAt: z.date().nullable(),
          })
          .nullable(),
      ),
    }),
  ),
  totals: cellCounts,
});
export type TimelinessDto = z.infer<typeof timelinessResponse>;

export const periodSheetQuery = z.object({
  campaignId: idParam,
  type: z.enum(REPORT_TYPES),
  period: periodField.default(''),
  /** The level (default: the caller's top node). */
  orgId: idParam.optional(),
});

// ---- ad-hoc requests (临时报送) ------------------------------------------------------------------------------

export const createRequestBody = z.strictObject({
  campaignId: id,
  /** The issuing organisation (the city or a district / industry union): its subtree reports. */
  orgId: id,
  title: z.string().trim().min(2).max(100),
  dueDate: boundedIsoDate,
  headings: z.array(z.string().trim().min(1).max(100)).min(1).max(20),
  /** Keys of GET /api/reports/figures. */
  figureKeys: z.array(z.string().trim().min(1).max(60)).max(40).default([]),
});
export type CreateRequestInput = z.infer<typeof createRequestBody>;

export const listRequestsQuery = z.object({ campaignId: idParam });

export const reportRequestResponse = z.object({
  id: z.number(),
  campaignId: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  title: z.string(),
  dueDate: z.string(),
  headings: z.array(z.string()),
  figureKeys: z.array(z.string()),
  createdAt: z.date(),
});
export type ReportRequestDto = z.infer<typeof reportRequestResponse>;
export const reportRequestListResponse = z.object({ items: z.array(reportRequestResponse) });
