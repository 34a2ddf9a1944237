import { defineConfig } from 'drizzle-kit';

// schema.ts holds the tables up to the funding layer; each later area keeps its tables in its own file under
// tables/ (imported by its module, never by schema.ts), so two areas can add tables without touching one file.
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/server/db/schema.ts', './src/server/db/tables/*.ts'],
  out: './src/server/db/migrations',
});
