/** Rows read with raw SQL (snake_case column names, driver values) turned into what Drizzle would have returned. */
import { getTableColumns } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

export function fromDriverRow<T extends PgTable>(table: T, raw: Record<string, unknown>): T['$inferSelect'] {
  const out: Record<string, unknown> = {};
  for (const [key, col] of Object.entries(getTableColumns(table))) {
    const v = raw[col.name];
    out[key] = v === null || v === undefined ? null : col.mapFromDriverValue(v);
  }
  return out as T['$inferSelect'];
}

/** PostgreSQL's SQLSTATE of a failed query (e.g. '23505', '22012'), looking through Drizzle's wrapping. */
export function pgErrorCode(e: unknown): string | undefined {
  for (let x = e as { code?: unknown; cause?: unknown } | undefined, i = 0; x && i < 4; i++) {
    if (typeof x.code === 'string') return x.code;
    x = x.cause as typeof x;
  }
  return undefined;
}

/** The rows of a raw `db.execute` on either driver. */
export const rowsOf = <R>(res: unknown): R[] => (res as { rows: R[] }).rows ?? [];
