/**
 * Shapes of the city's and districts' dashboard (首页数据看板): targets with forecasts, one row per child
 * organisation (or per class at a unit), the risk list, the compliance heatmap and the drill-down path. Shared with
 * the console (src/web/pages/home).
 */
import { z } from 'zod';
import { boundedIsoDate } from '../../../domain/calendar/bounded.js';

export const dashboardQuery = z.object({
  campaignId: z.coerce.number().int().positive(),
  /** The organisation looked at (drill-down); the caller's top organisation by default. */
  orgId: z.coerce.number().int().positive().optional(),
  /** The last day counted, inclusive (China time); today by default. */
  asOf: boundedIsoDate.optional(),
});
export type DashboardQuery = z.infer<typeof dashboardQuery>;

const orgRef = z.object({ id: z.number(), name: z.string(), kind: z.string() });

export const TARGET_KEYS = ['units', 'families', 'demonstrationClasses'] as const;

export const dashboardTarget = z.object({
  key: z.enum(TARGET_KEYS),
  label: z.string(),
  /** The campaign's target (params.targets), the city's; a district's share is not set by the policy. */
  target: z.number(),
  actual: z.number(),
  /** What the actual would become if the classes still enrolling run and fill (docs/FIGURES.md, "Dashboard"). */
  forecast: z.number(),
  note: z.string().nullable(),
});

export const dashboardRow = z.object({
  id: z.number(),
  name: z.string(),
  /** district | industry | unit | class */
  kind: z.string(),
  /** A row one can drill into (an organisation; a class opens its page instead). */
  drill: z.boolean(),
  /** A class row: its status; an organisation row: null. */
  status: z.string().nullable(),
  classes: z.object({
    total: z.number(),
    enrolling: z.number(),
    running: z.number(),
    finished: z.number(),
    other: z.number(),
  }),
  unitsDelivering: z.number(),
  capacity: z.number(),
  placesTaken: z.number(),
  children: z.number(),
  families: z.number(),
  attendanceRate: z.number().nullable(),
  /** 家长满意度 (`satisfaction.parents`, 0–100); null with no answers or fewer than 5 (privacy). */
  satisfaction: z.number().nullable(),
  /** Approved classes whose latest evaluation fails at least one rule. */
  failingClasses: z.number(),
  openItems: z.number(),
  overdueItems: z.number(),
  /** Reports submitted by the day ÷ reports due by the day, percent; null when none was due. */
  reportingRate: z.number().nullable(),
});
export type DashboardRow = z.infer<typeof dashboardRow>;

export const RISK_KINDS = ['attendance', 'records', 'incident', 'overdue'] as const;
/** The risk list's order: the most serious kind first. */
export const RISK_ORDER = ['incident', 'overdue', 'attendance', 'records'] as const;
/** At most this many classes of each risk kind in the dashboard's JSON (the .xlsx lists them all). */
export const RISK_LIMIT = 100;
export const dashboardRisk = z.object({
  kind: z.enum(RISK_KINDS),
  classId: z.number(),
  className: z.string(),
  unitId: z.number(),
  unitName: z.string(),
  /** The number behind the risk: the attendance rate, the records missing, the incidents open, the items overdue. */
  value: z.number(),
  detail: z.string(),
});

export const dashboardHeatmap = z.object({
  rules: z.array(z.string()),
  rows: z.array(
    z.object({
      id: z.number(),
      name: z.string(),
      /** Approved classes of the row (the denominator of every cell). */
      classes: z.number(),
      /** Per rule (same order as `rules`): classes failing it. */
      failing: z.array(z.number()),
    }),
  ),
});

export const dashboardResponse = z.object({
  campaignId: z.number(),
  campaignName: z.string(),
  asOf: z.string(),
  org: orgRef,
  /** From the caller's top organisation down to `org` (the drill-down path). */
  breadcrumbs: z.array(orgRef),
  targets: z.array(dashboardTarget),
  totals: dashboardRow,
  rows: z.array(dashboardRow),
  /**
   * The classes at risk, most serious first (incidents, overdue items, attendance, records; within a kind the worst
   * first), at most `RISK_LIMIT` of each kind in the JSON (a national view has thousands; the .xlsx lists them all).
   */
  risks: z.array(dashboardRisk),
  /** How many classes are at risk of each kind in all (`risks` may list fewer). */
  riskCounts: z.object({
    incident: z.number(),
    overdue: z.number(),
    attendance: z.number(),
    records: z.number(),
  }),
  heatmap: dashboardHeatmap,
  minAttendanceRate: z.number(),
});
export type DashboardDto = z.infer<typeof dashboardResponse>;
