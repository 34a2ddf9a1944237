/**
 * Maintained aggregates of the statistics read layer (issue 15, "Scale"; docs/FIGURES.md, "Maintained aggregates";
 * docs/SCALING.md). The dashboard and `unitFigures` read attendance, daily records and class days from these rows,
 * never from attendance_events / attendance_days / daily_records per request, so a figure costs the same whatever
 * the number of events.
 *
 * - `stats_class_days`: one row per class day (an official working day of the class, its closures deducted:
 *   `classDaysOf`) with that day's present, sick and scheduled child-days and daily records owed and made — as of any day the figures
 *   are a range sum (`day <= asOf`). Written by `refreshClassDays` (modules/stats/stats.aggregates.ts), and on the
 *   door's hot path adjusted by the trigger on attendance_days (migration `aggregates_maintenance`).
 * - `stats_class_totals`: per class, the sums of its `stats_class_days` rows up to and including `through_day` (an
 *   anchor: the day before the class was last recomputed, China time). A figure as of a day is then the anchor's sums
 *   plus (or minus) the few rows between the anchor and that day — one row per class for today's figures, none for
 *   the end of a finished campaign — instead of a sum over every class day (docs/SCALING.md). Written by
 *   `refreshClassDays`; a door delta on a day up to the anchor is applied to it by the same trigger.
 * - `stats_stale_classes`: classes whose rows must be recomputed (marked by triggers, in the writing transaction,
 *   when a change cannot be applied as a delta); cleared by `refreshClassDays`, and by every figures read first.
 */
import { index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { careClasses } from '../schema.js';

export const statsClassDays = pgTable(
  'stats_class_days',
  {
    classId: integer('class_id')
      .notNull()
      .references(() => careClasses.id, { onDelete: 'cascade' }),
    day: text('day').notNull(),
    /** Counted children present (or left) that day, within their span (docs/FIGURES.md, attendance.rate). */
    present: integer('present').notNull().default(0),
    /** Counted children on sick leave that day, within their span. */
    sick: integer('sick').notNull().default(0),
    /** Counted children scheduled that day. */
    scheduled: integer('scheduled').notNull().default(0),
    /** Daily records owed that day and, of those, made (daily.completeness). */
    recordsRequired: integer('records_required').notNull().default(0),
    recordsDone: integer('records_done').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.classId, t.day] }), index('stats_class_days_day_idx').on(t.day)],
);

export const statsClassTotals = pgTable('stats_class_totals', {
  classId: integer('class_id')
    .primaryKey()
    .references(() => careClasses.id, { onDelete: 'cascade' }),
  /** The sums below cover the class's rows with `day <= through_day`. */
  throughDay: text('through_day').notNull(),
  /** The class's first and last class-day rows (null without rows): what a read as of a day chooses its way by. */
  firstDay: text('first_day'),
  lastDay: text('last_day'),
  days: integer('days').notNull().default(0),
  present: integer('present').notNull().default(0),
  sick: integer('sick').notNull().default(0),
  scheduled: integer('scheduled').notNull().default(0),
  recordsRequired: integer('records_required').notNull().default(0),
  recordsDone: integer('records_done').notNull().default(0),
});

export const statsStaleClasses = pgTable(
  'stats_stale_classes',
  {
    classId: integer('class_id').primaryKey(),
    markedAt: timestamp('marked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('stats_stale_classes_marked_idx').on(t.markedAt)],
);
