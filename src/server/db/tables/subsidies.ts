/**
 * Union subsidies (工会补贴, #16): the policy a paying organisation (the city, or a district for its own money) sets
 * per campaign, the disbursement lists (拨付清单) it approves — frozen, one row per class with the reasons — and the
 * payments recorded against them. Policies are versioned by appending; lists, their items and payments are evidence
 * and append-only by trigger (a payment is corrected by its reversal, a list by approving a later version).
 */
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { IsoDate } from '../../../domain/calendar/dates.js';
import type { SubsidyComputation, SubsidyRules } from '../../../domain/funding/subsidy.js';
import { campaigns, careClasses, ledgerEntries, organizations, users } from '../schema.js';

export const subsidyPolicies = pgTable(
  'subsidy_policies',
  {
    id: serial('id').primaryKey(),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    /** The paying organisation: the city, or a district / industry union. */
    orgId: integer('org_id')
      .notNull()
      .references(() => organizations.id),
    version: integer('version').notNull(),
    rules: jsonb('rules').$type<SubsidyRules>().notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('subsidy_policies_version_uq').on(t.campaignId, t.orgId, t.version)],
);

export const subsidyLists = pgTable(
  'subsidy_lists',
  {
    id: serial('id').primaryKey(),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    orgId: integer('org_id')
      .notNull()
      .references(() => organizations.id),
    version: integer('version').notNull(),
    policyId: integer('policy_id')
      .notNull()
      .references(() => subsidyPolicies.id),
    /** The day the classes' figures were read as of. */
    asOf: text('as_of').$type<IsoDate>().notNull(),
    /** The sum of the items, 分. */
    totalFen: integer('total_fen').notNull(),
    approvedBy: integer('approved_by').references(() => users.id),
    approvedAt: timestamp('approved_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('subsidy_lists_version_uq').on(t.campaignId, t.orgId, t.version),
    check('subsidy_lists_total_nonneg', sql`${t.totalFen} >= 0`),
  ],
);

export const subsidyListItems = pgTable(
  'subsidy_list_items',
  {
    id: serial('id').primaryKey(),
    listId: integer('list_id')
      .notNull()
      .references(() => subsidyLists.id),
    classId: integer('class_id')
      .notNull()
      .references(() => careClasses.id),
    /** The class's lead unit. */
    unitId: integer('unit_id')
      .notNull()
      .references(() => organizations.id),
    amountFen: integer('amount_fen').notNull(),
    /** Why: tier, child-days, conditions met or not, supplement, cap (as computed when approved). */
    computation: jsonb('computation').$type<SubsidyComputation>().notNull(),
  },
  (t) => [
    uniqueIndex('subsidy_list_items_class_uq').on(t.listId, t.classId),
    check('subsidy_list_items_amount_nonneg', sql`${t.amountFen} >= 0`),
  ],
);

export const subsidyPayments = pgTable(
  'subsidy_payments',
  {
    id: serial('id').primaryKey(),
    itemId: integer('item_id')
      .notNull()
      .references(() => subsidyListItems.id),
    listId: integer('list_id')
      .notNull()
      .references(() => subsidyLists.id),
    classId: integer('class_id')
      .notNull()
      .references(() => careClasses.id),
    amountFen: integer('amount_fen').notNull(),
    date: text('date').$type<IsoDate>().notNull(),
    note: text('note'),
    /** The income line the payment wrote in the class's ledger (or, for a reversal, the ledger reversal). */
    ledgerEntryId: integer('ledger_entry_id').references(() => ledgerEntries.id),
    reversesPaymentId: integer('reverses_payment_id').references((): AnyPgColumn => subsidyPayments.id),
    reason: text('reason'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('subsidy_payments_list_idx').on(t.listId),
    uniqueIndex('subsidy_payments_reverses_uq').on(t.reversesPaymentId),
    check('subsidy_payments_amount_positive', sql`${t.amountFen} > 0`),
  ],
);
