/**
 * Demonstration-class selection (issue 17): applications (申报) with their dossier snapshots frozen at submission,
 * the campaign's selection settings (gate, rubric, quotas, blind mode), districts' recommendations, review panels,
 * reviewer assignments, recusals and scores. Evidence — snapshots, recommendations, recusals, scores — is
 * append-only (migration `selection_append_only`): a changed score or recommendation is a new row.
 */
import { boolean, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { campaigns, careClasses, organizations, reports, users } from '../schema.js';

/** The campaign's selection settings: eligibility gate, rubric, quotas, blind mode, disagreement threshold. */
export const selectionSettings = pgTable('selection_settings', {
  campaignId: integer('campaign_id')
    .primaryKey()
    .references(() => campaigns.id),
  /** GateSettings (src/domain/selection/gate.ts). */
  gate: jsonb('gate').$type<Record<string, unknown>>().notNull(),
  /** Criterion[] (src/domain/selection/rubric.ts), weights summing to 100. */
  rubric: jsonb('rubric').$type<unknown[]>().notNull(),
  /** Recommendations each district (or industry union) may make; per-org overrides keyed by org id. */
  defaultQuota: integer('default_quota').notNull().default(2),
  quotas: jsonb('quotas').$type<Record<string, number>>().notNull().default({}),
  blind: boolean('blind').notNull().default(false),
  /** Disagreement thresholds: range and standard deviation, in points of 100. */
  flagRange: integer('flag_range').notNull().default(25),
  flagStdDev: integer('flag_std_dev').notNull().default(12),
  version: integer('version').notNull().default(1),
  updatedBy: integer('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A unit's application for one class (one per class); the narrative is editable until submission. */
export const selectionApplications = pgTable(
  'selection_applications',
  {
    id: serial('id').primaryKey(),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    classId: integer('class_id')
      .notNull()
      .references(() => careClasses.id),
    /** The applying (lead) unit. */
    orgId: integer('org_id')
      .notNull()
      .references(() => organizations.id),
    /** The unit's 8/30 summary report. */
    reportId: integer('report_id').references(() => reports.id),
    /** draft | submitted | withdrawn */
    status: text('status').notNull().default('draft'),
    practices: text('practices').notNull().default(''),
    outcomes: text('outcomes').notNull().default(''),
    /** Photo file ids (files owned by this application). */
    photoIds: jsonb('photo_ids').$type<number[]>().notNull().default([]),
    videoLinks: jsonb('video_links').$type<string[]>().notNull().default([]),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    createdBy: integer('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('selection_applications_class_uq').on(t.classId),
    index('selection_applications_campaign_idx').on(t.campaignId, t.status),
  ],
);

/** The dossier and gate as they stood at each submission (append-only). */
export const selectionSnapshots = pgTable(
  'selection_snapshots',
  {
    id: serial('id').primaryKey(),
    applicationId: integer('application_id')
      .notNull()
      .references(() => selectionApplications.id),
    dossier: jsonb('dossier').$type<Record<string, unknown>>().notNull(),
    takenBy: integer('taken_by').references(() => users.id),
    takenAt: timestamp('taken_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('selection_snapshots_app_idx').on(t.applicationId)],
);

/** A district's recommendation decisions (append-only; the latest per application counts). */
export const selectionRecommendations = pgTable(
  'selection_recommendations',
  {
    id: serial('id').primaryKey(),
    applicationId: integer('application_id')
      .notNull()
      .references(() => selectionApplications.id),
    /** The recommending district or industry union. */
    orgId: integer('org_id')
      .notNull()
      .references(() => organizations.id),
    recommended: boolean('recommended').notNull(),
    reason: text('reason').notNull().default(''),
    decidedBy: integer('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('selection_recommendations_app_idx').on(t.applicationId, t.decidedAt)],
);

/** A review panel of a campaign (评审组). */
export const selectionPanels = pgTable(
  'selection_panels',
  {
    id: serial('id').primaryKey(),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    name: text('name').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('selection_panels_name_uq').on(t.campaignId, t.name)],
);

/**
 * One reviewer assigned one application in a panel. Never written for a reviewer with a conflict (their own
 * district or unit): the service skips them, and every read re-checks the conflict in SQL.
 */
export const selectionAssignments = pgTable(
  'selection_assignments',
  {
    id: serial('id').primaryKey(),
    panelId: integer('panel_id')
      .notNull()
      .references(() => selectionPanels.id),
    applicationId: integer('application_id')
      .notNull()
      .references(() => selectionApplications.id),
    reviewerId: integer('reviewer_id')
      .notNull()
      .references(() => users.id),
    assignedBy: integer('assigned_by').references(() => users.id),
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('selection_assignments_uq').on(t.applicationId, t.reviewerId),
    index('selection_assignments_reviewer_idx').on(t.reviewerId),
  ],
);

/** A reviewer's declared conflict and recusal, with the reason (append-only). */
export const selectionRecusals = pgTable(
  'selection_recusals',
  {
    id: serial('id').primaryKey(),
    applicationId: integer('application_id')
      .notNull()
      .references(() => selectionApplications.id),
    reviewerId: integer('reviewer_id')
      .notNull()
      .references(() => users.id),
    reason: text('reason').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('selection_recusals_uq').on(t.applicationId, t.reviewerId)],
);

/** A reviewer's score for one rubric criterion, with a comment (append-only: the latest per criterion counts). */
export const selectionScores = pgTable(
  'selection_scores',
  {
    id: serial('id').primaryKey(),
    applicationId: integer('application_id')
      .notNull()
      .references(() => selectionApplications.id),
    reviewerId: integer('reviewer_id')
      .notNull()
      .references(() => users.id),
    criterion: text('criterion').notNull(),
    score: integer('score').notNull(),
    comment: text('comment').notNull().default(''),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('selection_scores_app_idx').on(t.applicationId, t.reviewerId, t.criterion, t.at)],
);
