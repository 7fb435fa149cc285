import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeDatabase, type Database, openDatabase } from '../client.ts';
import { type TestDatabaseKind, testDatabaseKind } from './env.ts';
import { type HranaServer, startHranaServer } from './hrana/server.ts';

export interface TestDatabase {
  db: Database;
  /**
   * The URL the database was opened with: `file:` by default, `http://127.0.0.1:<port>` of a loopback
   * Hrana server when TEST_DATABASE=hrana. Open more clients (or processes) on it to test concurrent writers.
   */
  url: string;
  /** The SQLite file behind the URL, whichever way it is reached; siblings of it are temp files too. */
  path: string;
  kind: TestDatabaseKind;
  /** Closes the client (and the Hrana server) and deletes the temp directory. */
  cleanup(): Promise<void>;
}

export interface TestDatabaseOptions {
  /** Overrides TEST_DATABASE for this database (a test that is about the remote database itself). */
  kind?: TestDatabaseKind | undefined;
}

/** A fresh database in its own temp directory with every migration applied. */
export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const kind = options.kind ?? testDatabaseKind();
  const dir = mkdtempSync(join(tmpdir(), 'receptionist-db-'));
  const path = join(dir, 'test.db');
  let server: HranaServer | undefined;
  let db: Database;
  try {
    if (kind === 'hrana') server = await startHranaServer({ file: path });
    db = await openDatabase({ url: server?.url ?? `file:${path}` });
  } catch (error) {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  let cleaned = false;
  return {
    db,
    url: server?.url ?? `file:${path}`,
    path,
    kind,
    async cleanup() {
      if (cleaned) return;
      cleaned = true;
      closeDatabase(db);
      await server?.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
