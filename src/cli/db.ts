/** Opens the configured database for a command and always closes it (the PGlite lock must be released). */
import { bootstrap } from '../server/bootstrap.js';
import { loadConfig } from '../server/config.js';
import { type Database, openDatabase } from '../server/db/client.js';

export async function withDatabase<T>(fn: (db: Database) => Promise<T>, opts: { migrate?: boolean } = {}): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    if (opts.migrate !== false) {
      await database.migrate();
      await bootstrap(database.db, config);
    }
    return await fn(database);
  } finally {
    await database.close();
  }
}
