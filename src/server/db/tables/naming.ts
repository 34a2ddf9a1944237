/**
 * 公示 and naming of the city-level demonstration classes (issue 17). A 公示 (publicity notice) is the proposed
 * list with its rank/score snapshot and its period on the official calendar; objections come from anyone with a
 * verified phone (kept sealed, shown masked), each answered by responses; the final naming carries the decision
 * number (文号), date and the certificate's unguessable verification code; a revocation is a new row with its
 * reason. Every table here is evidence: append-only (migration `naming_append_only`).
 */
import { index, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { campaigns, careClasses, organizations, users } from '../schema.js';

/** A published proposed list (公示) for a campaign, over a period of working days. */
export const publicityNotices = pgTable(
  'publicity_notices',
  {
    id: serial('id').primaryKey(),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    /** The publishing organisation (the campaign's owner, the city). */
    orgId: integer('org_id')
      .notNull()
      .references(() => organizations.id),
    title: text('title').notNull(),
    /** First and last day of the period (inclusive), Beijing calendar dates. */
    startsOn: text('starts_on').notNull(),
    endsOn: text('ends_on').notNull(),
    /** The official working days the period spans. */
    workdays: integer('workdays').notNull(),
    /** The notice's text (who to contact, how objections are handled). */
    body: text('body').notNull().default(''),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('publicity_notices_campaign_idx').on(t.campaignId)],
);

/** One proposed class on a 公示, with the class-level facts as published (a snapshot). */
export const publicityEntries = pgTable(
  'publicity_entries',
  {
    id: serial('id').primaryKey(),
    noticeId: integer('notice_id')
      .notNull()
      .references(() => publicityNotices.id),
    classId: integer('class_id')
      .notNull()
      .references(() => careClasses.id),
    rank: integer('rank').notNull(),
    /** The review score ×100 (87.35 → 8735), null when the list was drawn up without scores. */
    scoreCenti: integer('score_centi'),
    className: text('class_name').notNull(),
    unitName: text('unit_name').notNull(),
    districtName: text('district_name').notNull(),
  },
  (t) => [uniqueIndex('publicity_entries_notice_class_uq').on(t.noticeId, t.classId)],
);

/** An objection (异议) during the period, from a verified phone: sealed for the call-back, masked for display. */
export const publicityObjections = pgTable(
  'publicity_objections',
  {
    id: serial('id').primaryKey(),
    noticeId: integer('notice_id')
      .notNull()
      .references(() => publicityNotices.id),
    /** The class objected to (null: the list as a whole). */
    entryId: integer('entry_id').references(() => publicityEntries.id),
    phoneHash: text('phone_hash').notNull(),
    phoneSealed: text('phone_sealed').notNull(),
    phoneMasked: text('phone_masked').notNull(),
    content: text('content').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('publicity_objections_notice_idx').on(t.noticeId)],
);

/** A recorded response to an objection (append-only: a later response adds to the record). */
export const publicityObjectionResponses = pgTable(
  'publicity_objection_responses',
  {
    id: serial('id').primaryKey(),
    objectionId: integer('objection_id')
      .notNull()
      .references(() => publicityObjections.id),
    /** upheld | not_upheld | noted */
    outcome: text('outcome').notNull(),
    content: text('content').notNull(),
    respondedBy: integer('responded_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('publicity_objection_responses_objection_idx').on(t.objectionId)],
);

/** The final naming of a class as a city-level demonstration class (命名), with its certificate's code. */
export const demonstrationNamings = pgTable(
  'demonstration_namings',
  {
    id: serial('id').primaryKey(),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    noticeId: integer('notice_id').references(() => publicityNotices.id),
    classId: integer('class_id')
      .notNull()
      .references(() => careClasses.id),
    /** The class's unit (scoping and the certificate). */
    unitId: integer('unit_id')
      .notNull()
      .references(() => organizations.id),
    className: text('class_name').notNull(),
    unitName: text('unit_name').notNull(),
    districtName: text('district_name').notNull(),
    /** 文号, e.g. 市总工发〔2025〕18号. */
    decisionNo: text('decision_no').notNull(),
    decisionDate: text('decision_date').notNull(),
    /** The certificate's verification code (/public/verify/{code}): random, unguessable. */
    verifyCode: text('verify_code').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('demonstration_namings_class_uq').on(t.campaignId, t.classId),
    uniqueIndex('demonstration_namings_code_uq').on(t.verifyCode),
    index('demonstration_namings_unit_idx').on(t.unitId),
  ],
);

/** A revocation of a naming (撤销命名): a new row with its reason; the naming row stays as it was. */
export const demonstrationRevocations = pgTable(
  'demonstration_revocations',
  {
    id: serial('id').primaryKey(),
    namingId: integer('naming_id')
      .notNull()
      .references(() => demonstrationNamings.id),
    reason: text('reason').notNull(),
    decisionNo: text('decision_no'),
    revokedOn: text('revoked_on').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('demonstration_revocations_naming_uq').on(t.namingId)],
);
