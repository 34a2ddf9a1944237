/**
 * What a failed query means for the caller, so that no database fault reaches a client as a 500:
 * - `unavailable`: the database is unreachable or restarting (connection refused, dropped, shut down) → 503
 *   DATABASE_UNAVAILABLE; the pool reconnects by itself once it is back.
 * - `badInput`: a value the database cannot hold (an id past 2³¹−1, a NUL byte, an impossible date) that slipped past
 *   the route's schema → 400.
 * - `duplicate`: a unique constraint refused a second copy (e.g. a campaign renamed to an existing name) → 409.
 * Anything else stays a 500: it is a bug, logged with its stack.
 */
import { pgErrorCode } from './rows.js';

export type DatabaseFault = 'unavailable' | 'badInput' | 'duplicate';

/** SQLSTATEs of values the database cannot take (class 22, those an input can cause; not 22012, used as a guard). */
const BAD_INPUT = new Set(['22001', '22003', '22007', '22008', '22021', '22P02', '22P05', '22023', '2200D']);

/** Connection-level failures: node's socket errors and PostgreSQL's "connection" and "operator intervention" classes. */
const UNAVAILABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH']);
const UNAVAILABLE_MESSAGE =
  /Connection terminated|connection error|not queryable|timeout exceeded when trying to connect|PGlite is closed|Client was closed/i;

export function databaseFault(e: unknown): DatabaseFault | null {
  const code = pgErrorCode(e);
  if (code) {
    if (code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03' || code === '53300')
      return 'unavailable';
    if (UNAVAILABLE_ERRNO.has(code)) return 'unavailable';
    if (BAD_INPUT.has(code)) return 'badInput';
    if (code === '23505') return 'duplicate';
  }
  for (let x = e as { message?: unknown; cause?: unknown } | undefined, i = 0; x && i < 4; i++) {
    if (typeof x.message === 'string' && UNAVAILABLE_MESSAGE.test(x.message)) return 'unavailable';
    x = x.cause as typeof x;
  }
  return null;
}
