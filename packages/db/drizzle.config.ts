import { defineConfig } from 'drizzle-kit';

// Generates SQL migrations from the schema (`npm run db:generate -w @receptionist/db`).
// No database connection is needed to generate; openDatabase applies the SQL at start-up.
export default defineConfig({
  dialect: 'turso',
  schema: './src/schema/index.ts',
  out: './drizzle',
  strict: true,
});
