/**
 * Volunteers (P-F): a class's calls for help (志愿者招募), the applications that come in from the public site, and
 * the staff's own door check-ins (到岗签到/离岗签退) from which a volunteer's hours are counted. Owned by
 * modules/volunteers.
 */
import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { careClasses, classStaff, organizations, users } from '../schema.js';

/** What help a class asks for; the owning unit (org_id) is kept for scoping. */
export const volunteerCalls = pgTable(
  'volunteer_calls',
  {
    id: serial('id').primaryKey(),
    classId: integer('class_id')
      .notNull()
      .references(() => careClasses.id),
    orgId: integer('org_id')
      .notNull()
      .references(() => organizations.id),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    /** homework | reading | sports | arts | other (domain/volunteers VOLUNTEER_SKILLS) */
    skills: jsonb('skills').$type<string[]>().notNull(),
    otherSkill: text('other_skill'),
    /** employee | social | either */
    volunteerKind: text('volunteer_kind').notNull(),
    startDate: text('start_date').notNull(),
    endDate: text('end_date').notNull(),
    /** When on those days, as people say it: 「每周二、四 14:00–17:00」. */
    schedule: text('schedule').notNull(),
    hoursPerWeek: integer('hours_per_week'),
    wanted: integer('wanted').notNull(),
    /** open | closed */
    status: text('status').notNull().default('open'),
    createdBy: integer('created_by').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('volunteer_calls_class_idx').on(t.classId), index('volunteer_calls_org_idx').on(t.orgId)],
);

/** One person's application to one call, with a phone verified by code. One per phone per call. */
export const volunteerApplications = pgTable(
  'volunteer_applications',
  {
    id: serial('id').primaryKey(),
    callId: integer('call_id')
      .notNull()
      .references(() => volunteerCalls.id),
    name: text('name').notNull(),
    phone: text('phone').notNull(),
    /** employee | social */
    kind: text('kind').notNull(),
    employer: text('employer'),
    skills: jsonb('skills').$type<string[]>().notNull(),
    availability: text('availability').notNull(),
    note: text('note'),
    /** pending | accepted | declined */
    status: text('status').notNull().default('pending'),
    decidedBy: integer('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionNote: text('decision_note'),
    /** On acceptance: the roster row and the account. */
    classStaffId: integer('class_staff_id').references(() => classStaff.id),
    userId: integer('user_id').references(() => users.id),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('volunteer_applications_call_phone_uq').on(t.callId, t.phone),
    index('volunteer_applications_call_idx').on(t.callId),
  ],
);

/**
 * A staff member's own arrival or departure at the class door (append-only evidence). Hours served are counted
 * from these pairs (domain/volunteers servedDays).
 */
export const staffDoorEvents = pgTable(
  'staff_door_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    classId: integer('class_id')
      .notNull()
      .references(() => careClasses.id),
    classStaffId: integer('class_staff_id')
      .notNull()
      .references(() => classStaff.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    /** The class day, YYYY-MM-DD (China time). */
    day: text('day').notNull(),
    /** in | out */
    kind: text('kind').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    /**
     * Made on the phone for a mark queued offline (the door screen): a mark sent twice is stored once. Null for
     * marks made online in the console (the server's clock is their time).
     */
    clientId: text('client_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [
    uniqueIndex('staff_door_events_client_uq').on(t.clientId),
    index('staff_door_events_user_idx').on(t.userId, t.day),
    index('staff_door_events_class_idx').on(t.classId, t.day),
  ],
);
