import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeDatabase, type Database, openDatabase } from '../client.ts';

export interface TestDatabase {
  db: Database;
  /** `file:` URL of the temp database: open more clients on it to test concurrent writers. */
  url: string;
  /** Closes the client and deletes the temp directory (database, WAL and SHM files). */
  cleanup(): Promise<void>;
}

/** A fresh database in its own temp directory with every migration applied. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'receptionist-db-'));
  const url = `file:${join(dir, 'test.db')}`;
  let db: Database;
  try {
    db = await openDatabase({ url });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  let cleaned = false;
  return {
    db,
    url,
    async cleanup() {
      if (cleaned) return;
      cleaned = true;
      closeDatabase(db);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
