import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKUP_TABLES } from '../../src/server/db/backup.js';
import { createTestDatabase } from '../support/db.js';
import type { Database } from '../../src/server/db/client.js';

describe('backup coverage', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  it('every table of the schema is in the backup, in an order its foreign keys allow', async () => {
    const tables = await database.rows<{ name: string }>(
      sql`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    const listed = BACKUP_TABLES.map((t) => t.name);
    expect([...listed].sort()).toEqual(tables.map((t) => t.name).sort());
    const fks = await database.rows<{ child: string; parent: string }>(sql`
      SELECT tc.table_name AS child, ccu.table_name AS parent
        FROM information_schema.table_constraints tc
        JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name
       WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = 'public'`);
    for (const fk of fks) {
      if (fk.child === fk.parent) continue;
      expect(listed.indexOf(fk.parent), `${fk.parent} before ${fk.child}`).toBeLessThan(listed.indexOf(fk.child));
    }
  });
});
