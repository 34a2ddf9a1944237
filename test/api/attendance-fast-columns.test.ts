/**
 * The door's fast path writes attendance_days, attendance_events and notifications with column lists written by hand
 * in SQL (WRITE_SQL: an INSERT list and a `jsonb_to_recordset` record definition per table, matched by position).
 * A column added to a table and forgotten there would be silently left empty; this test fails instead: every column
 * of the table (in the Drizzle schema and in the migrated database) is written or named in FAST_LEAVES, and the SQL
 * text lists exactly FAST_COLUMNS, with the database's types.
 */
import { getTableColumns, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/server/db/client.js';
import {
  FAST_COLUMNS,
  FAST_LEAVES,
  FAST_TABLES,
  WRITE_SQL,
} from '../../src/server/modules/attendance/attendance.fast.statements.js';
import { createTestDatabase } from '../support/db.js';

type TableName = keyof typeof FAST_COLUMNS;
const TABLES = Object.keys(FAST_COLUMNS) as TableName[];

/** A record definition's SQL type as information_schema.columns.udt_name spells it. */
const UDT: Record<string, string> = {
  int: 'int4',
  bigint: 'int8',
  text: 'text',
  timestamptz: 'timestamptz',
  jsonb: 'jsonb',
};

/** WRITE_SQL's INSERT column list and record definition for one table, as written. */
function written(table: TableName) {
  const at = WRITE_SQL.indexOf(`INSERT INTO ${table} (`);
  expect(at, `WRITE_SQL inserts into ${table}`).toBeGreaterThan(-1);
  const rest = WRITE_SQL.slice(at);
  const insert = /INSERT INTO \w+ \(([^)]*)\)/.exec(rest)?.[1] ?? '';
  const record = /AS x\(([^)]*)\)/.exec(rest)?.[1] ?? '';
  const split = (s: string) =>
    s
      .split(',')
      .map((c) => c.trim().replace(/\s+/g, ' '))
      .filter(Boolean);
  return {
    insert: split(insert),
    record: split(record).map((c) => {
      const [name, type] = c.split(' ');
      return { name: name ?? '', type: type ?? '' };
    }),
    rest,
  };
}

describe('the fast path writes every column of its tables', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  it.each(TABLES)('%s: the SQL lists exactly FAST_COLUMNS, in the same order twice', (table) => {
    const w = written(table);
    expect(w.insert).toEqual([...FAST_COLUMNS[table]]);
    expect(w.record.map((c) => c.name)).toEqual([...FAST_COLUMNS[table]]);
  });

  it.each(TABLES)('%s: written + left alone = the Drizzle schema columns', (table) => {
    const schema = Object.values(getTableColumns(FAST_TABLES[table])).map((c) => c.name);
    const writes: readonly string[] = FAST_COLUMNS[table];
    const leaves = FAST_LEAVES[table];
    expect(
      writes.filter((c) => leaves.includes(c)),
      'written and left alone at once',
    ).toEqual([]);
    expect(
      schema.filter((c) => !writes.includes(c) && !leaves.includes(c)),
      'columns of the schema the fast path neither writes nor names in FAST_LEAVES',
    ).toEqual([]);
    expect([...writes, ...leaves].sort()).toEqual([...schema].sort());
  });

  it.each(TABLES)('%s: the same against the database, with its column types', async (table) => {
    const cols = await database.rows<{ name: string; udt: string }>(
      sql`SELECT column_name AS name, udt_name AS udt FROM information_schema.columns
           WHERE table_schema = current_schema() AND table_name = ${table}`,
    );
    expect(cols.length).toBeGreaterThan(0);
    expect([...FAST_COLUMNS[table], ...FAST_LEAVES[table]].sort()).toEqual(cols.map((c) => c.name).sort());
    const udtOf = new Map(cols.map((c) => [c.name, c.udt]));
    for (const c of written(table).record) expect(UDT[c.type], `${table}.${c.name} ${c.type}`).toBe(udtOf.get(c.name));
  });

  it('the day rows upsert sets every written column but the key', () => {
    const set = /DO UPDATE SET ([\s\S]*?)\n\s*WHERE/.exec(written('attendance_days').rest)?.[1] ?? '';
    const pairs = set.split(',').map((p) => p.trim().split(/\s*=\s*/));
    for (const [col, value] of pairs) expect(value, col).toBe(`excluded.${col}`);
    expect(pairs.map(([col]) => col)).toEqual(
      FAST_COLUMNS.attendance_days.filter((c) => !['class_id', 'child_id', 'day'].includes(c)),
    );
  });
});
