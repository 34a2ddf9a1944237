/**
 * Reading venues. A venue has no path of its own: every read joins its unit and scopes by the unit's path with
 * `inScope`, so a caller sees only venues of units their grants cover.
 */
import { and, asc, count, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../auth/actor.js';
import { inScope } from '../../auth/scope.js';
import type { Db } from '../../db/client.js';
import { organizations, users, venues } from '../../db/schema.js';
import { VENUE_READERS } from './venues.policy.js';

export type VenueRecord = typeof venues.$inferSelect;
export interface VenueRow extends VenueRecord {
  orgPath: string;
  orgName: string;
  orgActive: boolean;
  confirmedByName: string | null;
}

const columns = {
  venue: venues,
  orgPath: organizations.path,
  orgName: organizations.name,
  orgActive: organizations.active,
  confirmedByName: users.displayName,
};

function baseQuery(db: Db) {
  return db
    .select(columns)
    .from(venues)
    .innerJoin(organizations, eq(organizations.id, venues.orgId))
    .leftJoin(users, eq(users.id, venues.checklistConfirmedBy));
}

type Joined = {
  venue: VenueRecord;
  orgPath: string;
  orgName: string;
  orgActive: boolean;
  confirmedByName: string | null;
};
const flatten = (r: Joined): VenueRow => ({
  ...r.venue,
  orgPath: r.orgPath,
  orgName: r.orgName,
  orgActive: r.orgActive,
  confirmedByName: r.confirmedByName,
});

export async function findVisibleVenue(db: Db, actor: Actor, id: number): Promise<VenueRow | undefined> {
  const [row] = await baseQuery(db).where(and(eq(venues.id, id), inScope(organizations.path, actor, VENUE_READERS)));
  return row ? flatten(row) : undefined;
}

export interface VenueFilter {
  underPath?: string | undefined;
  q?: string | undefined;
  includeInactive: boolean;
  page: number;
  pageSize: number;
}

export async function listVisibleVenues(
  db: Db,
  actor: Actor,
  f: VenueFilter,
): Promise<{ rows: VenueRow[]; total: number }> {
  const conds: SQL[] = [inScope(organizations.path, actor, VENUE_READERS)];
  if (f.underPath) conds.push(sql`${organizations.path} LIKE ${`${f.underPath}%`}`);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conds.push(or(ilike(venues.name, like), ilike(venues.address, like)) as SQL);
  }
  if (!f.includeInactive) conds.push(eq(venues.active, true));
  const where = and(...conds);
  const [rows, [total]] = await Promise.all([
    baseQuery(db)
      .where(where)
      .orderBy(asc(organizations.path), asc(venues.name), asc(venues.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.select({ n: count() }).from(venues).innerJoin(organizations, eq(organizations.id, venues.orgId)).where(where),
  ]);
  return { rows: rows.map(flatten), total: total?.n ?? 0 };
}
