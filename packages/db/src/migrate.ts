import { fileURLToPath } from 'node:url';
import type { Client } from '@libsql/client';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { DbError } from './errors.ts';

const MIGRATIONS_TABLE = '__drizzle_migrations';

export function defaultMigrationsFolder(): string {
  return fileURLToPath(new URL('../drizzle', import.meta.url));
}

/**
 * Applies pending drizzle-kit migrations inside one BEGIN IMMEDIATE transaction.
 * drizzle-orm's own libSQL migrator reads the applied list outside its transaction, so two processes
 * starting together (voice + web) could both apply the same migration; taking the write lock first
 * makes the second one wait and then find nothing to do. The bookkeeping table is drizzle's own, so
 * `drizzle-kit migrate` stays compatible.
 */
export async function applyMigrations(
  client: Client,
  migrationsFolder = defaultMigrationsFolder(),
): Promise<void> {
  const migrations = readMigrationFiles({ migrationsFolder });
  const tx = await client.transaction('write');
  try {
    await tx.execute(
      `CREATE TABLE IF NOT EXISTS "${MIGRATIONS_TABLE}" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)`,
    );
    const last = await tx.execute(
      `SELECT created_at FROM "${MIGRATIONS_TABLE}" ORDER BY created_at DESC LIMIT 1`,
    );
    const lastAppliedAt = last.rows[0] === undefined ? -1 : Number(last.rows[0][0]);
    for (const migration of migrations) {
      if (migration.folderMillis <= lastAppliedAt) continue;
      for (const statement of migration.sql) {
        if (statement.trim() !== '') await tx.execute(statement);
      }
      await tx.execute({
        sql: `INSERT INTO "${MIGRATIONS_TABLE}" (hash, created_at) VALUES (?, ?)`,
        args: [migration.hash, migration.folderMillis],
      });
    }
    await tx.commit();
  } catch (cause) {
    await tx.rollback().catch(() => undefined);
    throw new DbError('migration_failed', 'applying database migrations failed', { cause });
  } finally {
    tx.close();
  }
}
