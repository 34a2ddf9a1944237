/**
 * Maintained aggregates of the places, children and families (issue 15, "Scale"; docs/FIGURES.md, "Maintained
 * aggregates"; docs/SCALING.md). With them the dashboard reads `places.taken`, `kindergarten.share`,
 * `children.enrolled` and `families.served` as a range sum over a few rows per class or organisation, never the
 * places one by one — and a family still counts once at every level.
 *
 * - `stats_members`: who is counted where from which day — one row per (scope, member): a place held in its class
 *   (`scope` 'class', kind 'place', from its acceptance day to its withdrawal day), and for the owning unit and each
 *   of its ancestors (`scope` 'org', the ids of the unit's path) a family from its first acceptance anywhere in that
 *   subtree (kind 'family', no end: families.served includes withdrawn places) and a child over the days it held
 *   at least one place in that subtree (kind 'child', one row per unbroken span). Computed by the view
 *   `stats_members_v` from enrolments, classes, class units, organisations and children (migration
 *   `stats_members`); kept in step with the writes by triggers that recompute a family's rows in the writing
 *   transaction (`stats_refresh_families`). Derived: ids and days only, rebuilt from the places.
 * - `stats_scope_days`: per scope and day, the changes of the four counts on that day (+1 at a row's `from_day`,
 *   −1 at its `to_day`); a count as of a day is the sum of the rows up to it. Maintained with `stats_members`.
 */
import { boolean, index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

export const statsMembers = pgTable(
  'stats_members',
  {
    campaignId: integer('campaign_id').notNull(),
    /** 'class' (scope_id: a class) or 'org' (scope_id: an organisation: the owning unit or one of its ancestors). */
    scope: text('scope').notNull(),
    scopeId: integer('scope_id').notNull(),
    /** 'place' (member: the enrolment), 'child' (the child), 'family' (the family). */
    kind: text('kind').notNull(),
    memberId: integer('member_id').notNull(),
    /** The family the row is recomputed with (every kind). */
    familyId: integer('family_id').notNull(),
    /** Counted from this day (YYYY-MM-DD, China time) … */
    fromDay: text('from_day').notNull(),
    /** … up to the day before this one (null: still counted). */
    toDay: text('to_day'),
    /** A place of a kindergarten child (kindergarten.share). */
    kindergarten: boolean('kindergarten').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.scope, t.scopeId, t.campaignId, t.kind, t.memberId, t.fromDay] }),
    index('stats_members_family_idx').on(t.familyId),
    index('stats_members_campaign_idx').on(t.campaignId),
  ],
);

export const statsScopeDays = pgTable(
  'stats_scope_days',
  {
    scope: text('scope').notNull(),
    scopeId: integer('scope_id').notNull(),
    campaignId: integer('campaign_id').notNull(),
    day: text('day').notNull(),
    families: integer('families').notNull().default(0),
    children: integer('children').notNull().default(0),
    places: integer('places').notNull().default(0),
    kindergarten: integer('kindergarten').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.scope, t.scopeId, t.campaignId, t.day] })],
);
