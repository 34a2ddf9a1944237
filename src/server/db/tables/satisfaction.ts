/**
 * The parents' satisfaction survey (满意度调查, #16 "孩子开心、家长放心"): per class a setting (a mid-point round
 * besides the final one), one invitation per enrolled child and round (written when the class closes, or at its
 * mid-point), and at most one answer per invitation — so exactly one answer per enrolment and round, enforced by
 * unique indexes. Invitations and answers are evidence: append-only (migration `satisfaction_append_only`). An
 * answer keeps no account id: who answered is in the audit log, never next to the scores.
 */
import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { careClasses, enrolments, families, users } from '../schema.js';

/** A class's survey setting: whether families are also asked at the class's mid-point. */
export const satisfactionSettings = pgTable('satisfaction_settings', {
  classId: integer('class_id')
    .primaryKey()
    .references(() => careClasses.id),
  midPoint: boolean('mid_point').notNull().default(false),
  updatedBy: integer('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/** One family asked about one enrolment in one round (`final` when the class ends, `mid` at its mid-point). */
export const satisfactionInvitations = pgTable(
  'satisfaction_invitations',
  {
    id: serial('id').primaryKey(),
    classId: integer('class_id')
      .notNull()
      .references(() => careClasses.id),
    enrolmentId: integer('enrolment_id')
      .notNull()
      .references(() => enrolments.id),
    familyId: integer('family_id')
      .notNull()
      .references(() => families.id),
    round: text('round').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('satisfaction_invitations_uq').on(t.enrolmentId, t.round),
    index('satisfaction_invitations_class_idx').on(t.classId, t.round),
    index('satisfaction_invitations_family_idx').on(t.familyId),
    check('satisfaction_invitations_round_ck', sql`${t.round} IN ('final', 'mid')`),
  ],
);

/**
 * The answer: overall and five items on 1–5 (meals null when the class serves none), 孩子开心吗 as 2 开心 /
 * 1 一般 / 0 不开心, and an optional remark. One per invitation, hence one per enrolment and round.
 */
export const satisfactionAnswers = pgTable(
  'satisfaction_answers',
  {
    id: serial('id').primaryKey(),
    invitationId: integer('invitation_id')
      .notNull()
      .references(() => satisfactionInvitations.id),
    classId: integer('class_id')
      .notNull()
      .references(() => careClasses.id),
    enrolmentId: integer('enrolment_id')
      .notNull()
      .references(() => enrolments.id),
    round: text('round').notNull(),
    overall: integer('overall').notNull(),
    safety: integer('safety').notNull(),
    care: integer('care').notNull(),
    activities: integer('activities').notNull(),
    meals: integer('meals'),
    communication: integer('communication').notNull(),
    happy: integer('happy').notNull(),
    comment: text('comment'),
    answeredAt: timestamp('answered_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('satisfaction_answers_invitation_uq').on(t.invitationId),
    uniqueIndex('satisfaction_answers_enrolment_uq').on(t.enrolmentId, t.round),
    index('satisfaction_answers_class_idx').on(t.classId, t.round),
    check(
      'satisfaction_answers_scores_ck',
      sql`${t.overall} BETWEEN 1 AND 5 AND ${t.safety} BETWEEN 1 AND 5 AND ${t.care} BETWEEN 1 AND 5
        AND ${t.activities} BETWEEN 1 AND 5 AND ${t.communication} BETWEEN 1 AND 5
        AND (${t.meals} IS NULL OR ${t.meals} BETWEEN 1 AND 5) AND ${t.happy} BETWEEN 0 AND 2`,
    ),
  ],
);
