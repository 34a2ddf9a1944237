/**
 * Opens the database: PGlite in `DATA_DIR/pg` by default, PostgreSQL when `DATABASE_URL` is set. Both are driven
 * through Drizzle with the same schema and migrations. A PGlite directory may be opened by one process only, so
 * a lock file guards it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { SQL } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import * as schema from './schema.js';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface Database {
  db: Db;
  driver: 'pglite' | 'postgres';
  /** Runs raw SQL and returns its rows (used by health checks, backup, the audit verifier). */
  rows<T = Record<string, unknown>>(query: SQL): Promise<T[]>;
  /**
   * Runs a fixed statement text with positional parameters ($1, $2, …) as a named prepared statement on PostgreSQL
   * (parsed and planned once per connection) — for the hottest paths only; outside any transaction. An empty name
   * runs it unprepared (planned with the values at hand).
   */
  prepared<T = Record<string, unknown>>(name: string, text: string, values: unknown[]): Promise<T[]>;
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** The PGlite instance, when embedded (backup/restore use it). */
  pglite?: PGlite;
  /** The connection string, when on PostgreSQL (a second pool can be opened on the same database). */
  url?: string;
}

export class DataDirLockedError extends Error {
  constructor(dir: string, pid: string) {
    super(`数据目录 ${dir} 已被进程 ${pid} 使用 (the data directory is in use by process ${pid}); stop it first.`);
  }
}

function acquireLock(dir: string): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'tuoguan.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      return () => {
        try {
          if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = fs.readFileSync(file, 'utf8').trim();
      if (pid && isAlive(Number(pid))) throw new DataDirLockedError(dir, pid);
      fs.unlinkSync(file); // stale lock from a process that died
    }
  }
  throw new Error(`cannot lock ${dir}`);
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface OpenOptions {
  databaseUrl?: string | undefined;
  dataDir?: string;
  /** An existing PGlite (tests clone a migrated template into memory). */
  pglite?: PGlite;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10 });
    // An idle connection the server drops (restart, failover) must not crash the process; the pool reconnects.
    pool.on('error', (err) => console.error(`PostgreSQL connection error: ${err.message}`));
    // A connection checked out by a request or a transaction has no pool listener: without its own, a connection the
    // server drops mid-query is an unhandled 'error' event and kills the process. The query in flight fails on its
    // own (answered 503 DATABASE_UNAVAILABLE by the error handler) and the pool replaces the connection.
    pool.on('connect', (client) => {
      client.on('error', (err) => console.error(`PostgreSQL connection lost: ${err.message}`));
    });
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    return {
      db,
      driver: 'postgres',
      url: opts.databaseUrl,
      rows: async <T>(q: SQL) => ((await db.execute(q)) as unknown as { rows: T[] }).rows,
      prepared: async <T>(name: string, text: string, values: unknown[]) =>
        (await (name ? pool.query({ name, text, values }) : pool.query(text, values))).rows as T[],
      migrate: () => migratePg(db as never, { migrationsFolder: MIGRATIONS_DIR }),
      close: () => pool.end(),
    };
  }
  let release = () => {};
  let client = opts.pglite;
  if (!client) {
    if (!opts.dataDir) throw new Error('dataDir or databaseUrl is required');
    release = acquireLock(opts.dataDir);
    try {
      client = await PGlite.create(path.join(opts.dataDir, 'pg'));
    } catch (e) {
      release();
      throw e;
    }
  }
  const pgl = client;
  const db = drizzlePglite(pgl, { schema }) as unknown as Db;
  return {
    db,
    driver: 'pglite',
    pglite: pgl,
    rows: async <T>(q: SQL) => ((await db.execute(q)) as unknown as { rows: T[] }).rows,
    prepared: async <T>(_name: string, text: string, values: unknown[]) => (await pgl.query<T>(text, values)).rows,
    migrate: () => migratePglite(db as never, { migrationsFolder: MIGRATIONS_DIR }),
    close: async () => {
      try {
        if (!pgl.closed) await pgl.close();
      } finally {
        release();
      }
    },
  };
}
