/**
 * A fresh, migrated database for one test file: a PGlite clone of the run's template in memory, or, in CI on
 * PostgreSQL, a new database created from the template database. Real databases both; no mocks.
 */
import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../../src/server/db/client.js';
import { installModules } from '../../src/server/modules/index.js';

let counter = 0;

export async function createTestDatabase(): Promise<Database> {
  // Tests that write through services without an app get the same event subscriptions as the app.
  installModules();
  const url = process.env.DATABASE_URL;
  const pgTemplate = inject('pgTemplate');
  if (url && pgTemplate) {
    const name = `tuoguan_t_${process.ppid}_${process.pid}_${counter++}_${Date.now() % 100000}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${pgTemplate}`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${name}`;
    const database = await openDatabase({ databaseUrl: u.toString() });
    const close = database.close;
    database.close = async () => {
      await close();
      const a = new pg.Client({ connectionString: url });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    };
    return database;
  }
  const tar = fs.readFileSync(inject('pgliteTemplate'));
  const pglite = await PGlite.create({ loadDataDir: new Blob([tar]) });
  return openDatabase({ pglite });
}

/**
 * Environment for running the real `tuoguan` binary against a throwaway database: a fresh DATA_DIR (PGlite) or,
 * on PostgreSQL, a new empty database.
 */
export async function createCliEnvironment(): Promise<{ env: NodeJS.ProcessEnv; cleanup(): Promise<void> }> {
  const url = process.env.DATABASE_URL;
  const os = await import('node:os');
  const path = await import('node:path');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tuoguan-cli-'));
  if (url && inject('pgTemplate')) {
    const name = `tuoguan_t_${process.ppid}_cli_${process.pid}_${counter++}_${Date.now() % 100000}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${name}`;
    return {
      env: { ...process.env, DATABASE_URL: u.toString(), DATA_DIR: dir },
      async cleanup() {
        const a = new pg.Client({ connectionString: url });
        await a.connect();
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await a.end();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dir };
  delete env.DATABASE_URL;
  return { env, cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Opens the database a CLI environment points at, in this process (the CLI must not be running). */
export async function openCliDatabase(env: NodeJS.ProcessEnv): Promise<Database> {
  return openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
}
