/** Request and response shapes of the sign-in API (shared with the web client through z.infer). */
import { z } from 'zod';
import { ROLES } from '../../../domain/people/roles.js';
import { ORG_KINDS } from '../../../domain/org/orgKinds.js';

export const loginBody = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
  totp: z.string().trim().max(10).optional(),
});

export const meResponse = z.object({
  user: z.object({
    id: z.number(),
    username: z.string(),
    displayName: z.string(),
    phone: z.string().nullable(),
    mustChangePassword: z.boolean(),
    totpEnabled: z.boolean(),
  }),
  grants: z.array(
    z.object({
      role: z.enum(ROLES),
      orgId: z.number(),
      orgName: z.string(),
      orgKind: z.enum(ORG_KINDS),
      orgPath: z.string(),
    }),
  ),
  csrfToken: z.string(),
  totpEnrollmentRequired: z.boolean(),
  abilities: z.object({
    manageOrgs: z.boolean(),
    /** Inspectors, reviewers and auditors read the tree and the people in it without changing them. */
    readOrgs: z.boolean(),
    readUsers: z.boolean(),
    manageUsers: z.boolean(),
    readAudit: z.boolean(),
    manageSettings: z.boolean(),
    // ---- the console's areas: which pages and menu entries the person is offered (auth.service.ts `areasOf`).
    // Each is decided here from the modules' own role lists and policies; the API still decides per record.
    /** 项目管理: the programme's campaigns (everyone who works in it). */
    campaigns: z.boolean(),
    /** Creating a campaign (the city). */
    createCampaign: z.boolean(),
    /** 托管班: any class page. */
    classes: z.boolean(),
    /** 我的托管班: the classes of the person's own unit (unit-level roles). */
    myClasses: z.boolean(),
    /** Creating a class (a unit administrator). */
    createClass: z.boolean(),
    /** 全部托管班: the overview with the export (the levels above units). */
    allClasses: z.boolean(),
    /** 审批队列: approving submitted classes. */
    approvals: z.boolean(),
    venues: z.boolean(),
    counterparties: z.boolean(),
    /** Registering venues and counterparties (administrators over a unit). */
    editLibraries: z.boolean(),
    /** 家长审核: verifying guardians' employment. */
    guardians: z.boolean(),
    /** 托管协议: publishing a unit's custody agreement. */
    agreements: z.boolean(),
    /** 事件与应急: the incidents of the classes in view. */
    incidents: z.boolean(),
    /** 出勤率: attendance rates across classes. */
    attendanceRates: z.boolean(),
    /** 通知渠道: the organisation's group robots and the send log. */
    channels: z.boolean(),
    /** 后台任务: the background jobs' runs and failures. */
    readJobs: z.boolean(),
    /** 督导整改: visits, rectification items, meetings and cases (supervisors and the units' own people). */
    supervision: z.boolean(),
    /** Planning inspection visits (district and city administrators). */
    planVisits: z.boolean(),
    /** Doing visits on the phone (督导员). */
    inspect: z.boolean(),
    /** 工作报送: the reports up the tree (administrators, inspectors, reviewers and auditors: reports.policy REPORT_READERS). */
    reports: z.boolean(),
    /** 新闻动态: writing and reviewing the public site's news (city administrators). */
    news: z.boolean(),
    /** 示范班评选: applications, recommendations and the ranking (administrators and auditors). */
    selection: z.boolean(),
    /** 评选设置 and 评审组: the selection's rubric, gate, quotas and panels (the city: selectionPolicy.manage). */
    manageSelection: z.boolean(),
    /** 评审打分: scoring the applications assigned to the person (reviewers). */
    review: z.boolean(),
    /** 工会补贴: subsidy policies, lists and payments (the paying unions, inspectors, auditors). */
    subsidies: z.boolean(),
    /** 经费汇总: budget against actual over the person's subtree (administrators, inspectors, auditors). */
    fundingSummary: z.boolean(),
    /** Units the person administers directly: forms that register something for a unit preselect the only one. */
    unitIds: z.array(z.number()),
    /** Organisations whose notification channels the person manages from their own grants (the page opens the first). */
    channelOrgIds: z.array(z.number()),
  }),
});
export type MeResponse = z.infer<typeof meResponse>;

export const changePasswordBody = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});

export const totpSetupResponse = z.object({ secret: z.string(), uri: z.string() });
export const totpCodeBody = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/),
});
export const okResponse = z.object({ ok: z.literal(true) });
