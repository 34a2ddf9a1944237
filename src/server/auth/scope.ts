/**
 * Tenancy in the SQL: every query that reads organisation data filters by the subtrees the actor's grants cover,
 * through this helper. Code that deliberately reads without it is named `unsafe…`.
 */
import { type AnyColumn, or, type SQL, sql } from 'drizzle-orm';
import type { Role } from '../../domain/people/roles.js';
import type { Actor } from './actor.js';

/** The subtree roots (org paths) the actor holds one of `roles` on, without nested duplicates. */
export function scopeRoots(actor: Actor, roles: readonly Role[]): string[] {
  const paths = [...new Set(actor.grants.filter((g) => roles.includes(g.role)).map((g) => g.orgPath))].sort();
  return paths.filter((p, i) => !paths.slice(0, i).some((q) => p.startsWith(q)));
}

/** `path LIKE root%` for each root; `false` when the actor has none, so an empty scope reads nothing. */
export function inScope(pathColumn: AnyColumn | SQL, actor: Actor, roles: readonly Role[]): SQL {
  const roots = scopeRoots(actor, roles);
  if (roots.length === 0) return sql`false`;
  return or(...roots.map((r) => sql`${pathColumn} LIKE ${`${r}%`}`)) as SQL;
}
