/**
 * Reading counterparties, always through the owning unit's path with `inScope` (they have no path of their own).
 */
import { and, asc, count, eq, ilike, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../auth/actor.js';
import { inScope } from '../../auth/scope.js';
import type { Db } from '../../db/client.js';
import { counterparties, organizations, users } from '../../db/schema.js';
import { COUNTERPARTY_READERS } from './counterparties.policy.js';

export type CounterpartyRecord = typeof counterparties.$inferSelect;
export interface CounterpartyRow extends CounterpartyRecord {
  orgPath: string;
  orgName: string;
  orgActive: boolean;
  reviewedByName: string | null;
}

type Joined = {
  cp: CounterpartyRecord;
  orgPath: string;
  orgName: string;
  orgActive: boolean;
  reviewedByName: string | null;
};

function baseQuery(db: Db) {
  return db
    .select({
      cp: counterparties,
      orgPath: organizations.path,
      orgName: organizations.name,
      orgActive: organizations.active,
      reviewedByName: users.displayName,
    })
    .from(counterparties)
    .innerJoin(organizations, eq(organizations.id, counterparties.orgId))
    .leftJoin(users, eq(users.id, counterparties.reviewedBy));
}

const flatten = (r: Joined): CounterpartyRow => ({
  ...r.cp,
  orgPath: r.orgPath,
  orgName: r.orgName,
  orgActive: r.orgActive,
  reviewedByName: r.reviewedByName,
});

export async function findVisibleCounterparty(db: Db, actor: Actor, id: number): Promise<CounterpartyRow | undefined> {
  const [row] = await baseQuery(db).where(
    and(eq(counterparties.id, id), inScope(organizations.path, actor, COUNTERPARTY_READERS)),
  );
  return row ? flatten(row) : undefined;
}

export interface CounterpartyFilter {
  kind?: string | undefined;
  underPath?: string | undefined;
  q?: string | undefined;
  includeInactive: boolean;
  page: number;
  pageSize: number;
}

export async function listVisibleCounterparties(
  db: Db,
  actor: Actor,
  f: CounterpartyFilter,
): Promise<{ rows: CounterpartyRow[]; total: number }> {
  const conds: SQL[] = [inScope(organizations.path, actor, COUNTERPARTY_READERS)];
  if (f.kind) conds.push(eq(counterparties.kind, f.kind));
  if (f.underPath) conds.push(sql`${organizations.path} LIKE ${`${f.underPath}%`}`);
  if (f.q) conds.push(ilike(counterparties.name, `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  if (!f.includeInactive) conds.push(eq(counterparties.active, true));
  const where = and(...conds);
  const [rows, [total]] = await Promise.all([
    baseQuery(db)
      .where(where)
      .orderBy(asc(organizations.path), asc(counterparties.kind), asc(counterparties.name), asc(counterparties.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db
      .select({ n: count() })
      .from(counterparties)
      .innerJoin(organizations, eq(organizations.id, counterparties.orgId))
      .where(where),
  ]);
  return { rows: rows.map(flatten), total: total?.n ?? 0 };
}
