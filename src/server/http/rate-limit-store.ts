/**
 * The request rate limits' counts, kept in the database (`rate_limit_hits`) so that every app instance behind one
 * balancer counts together: three instances no longer give an attacker three times the allowance. A hit is one
 * atomic upsert: it starts a window when none is running (or the last one has ended) and otherwise adds one.
 *
 * `@fastify/rate-limit` builds the store with `new Store(options)` and asks each limited route for a `child`; the
 * child's keys carry the route, like the plugin's Redis store. Only routes with their own `rateLimit` config are
 * limited (`global: false`), so this is a handful of public and sign-in routes, not every request.
 */
import { lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { rateLimitHits } from '../db/schema.js';
import { rowsOf } from '../db/rows.js';

type Callback = (err: Error | null, res?: { current: number; ttl: number }) => void;
/** At run time the plugin passes the route's merged limit options, whose `routeInfo` names the route. */
type ChildOptions = object & { routeInfo?: { method?: string; url?: string } };

/** One counted hit for `key` in a window of `windowMs` ending at the stored reset time. */
export async function hitRateLimit(
  db: Db,
  key: string,
  windowMs: number,
  now: Date,
): Promise<{ current: number; ttl: number }> {
  const resetAt = new Date(now.getTime() + windowMs);
  const res = await db.execute(sql`
    INSERT INTO rate_limit_hits (key, hits, reset_at) VALUES (${key}, 1, ${resetAt.toISOString()}::timestamptz)
    ON CONFLICT (key) DO UPDATE SET
      hits = CASE WHEN rate_limit_hits.reset_at <= ${now.toISOString()}::timestamptz THEN 1
                  ELSE rate_limit_hits.hits + 1 END,
      reset_at = CASE WHEN rate_limit_hits.reset_at <= ${now.toISOString()}::timestamptz THEN excluded.reset_at
                      ELSE rate_limit_hits.reset_at END
    RETURNING hits, reset_at`);
  const row = rowsOf<{ hits: number | string; reset_at: string | Date }>(res)[0];
  if (!row) throw new Error('rate limit upsert returned no row');
  const ttl = Math.max(0, new Date(row.reset_at).getTime() - now.getTime());
  return { current: Number(row.hits), ttl };
}

/** The current count for `key` without adding to it (the plugin's `read`). */
async function readRateLimit(db: Db, key: string, now: Date): Promise<{ current: number; ttl: number }> {
  const res = await db.execute(sql`SELECT hits, reset_at FROM rate_limit_hits WHERE key = ${key}`);
  const row = rowsOf<{ hits: number | string; reset_at: string | Date }>(res)[0];
  const resetMs = row ? new Date(row.reset_at).getTime() : 0;
  if (!row || resetMs <= now.getTime()) return { current: 0, ttl: 0 };
  return { current: Number(row.hits), ttl: resetMs - now.getTime() };
}

/** Rows of windows that ended before `before` (the auth module's daily prune). */
export async function pruneRateLimitHits(db: Db, before: Date): Promise<number> {
  const removed = await db
    .delete(rateLimitHits)
    .where(lt(rateLimitHits.resetAt, before))
    .returning({ key: rateLimitHits.key });
  return removed.length;
}

/** A store class for `@fastify/rate-limit`'s `store` option, bound to one database and clock. */
export function databaseRateLimitStore(db: Db, clock: () => Date) {
  return class DatabaseRateLimitStore {
    constructor(
      _options?: unknown,
      private readonly prefix = 'rl:',
    ) {}
    incr(key: string, cb: Callback, timeWindow: number): void {
      hitRateLimit(db, `${this.prefix}${key}`, timeWindow, clock()).then(
        (r) => cb(null, r),
        (e: Error) => cb(e),
      );
    }
    read(key: string, cb: Callback): void {
      readRateLimit(db, `${this.prefix}${key}`, clock()).then(
        (r) => cb(null, r),
        (e: Error) => cb(e),
      );
    }
    child(routeOptions: object): DatabaseRateLimitStore {
      const r = (routeOptions as ChildOptions).routeInfo ?? {};
      return new DatabaseRateLimitStore(undefined, `rl:${r.method ?? ''}${r.url ?? ''}:`);
    }
  };
}
