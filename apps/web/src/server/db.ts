import { type Database, openDatabase } from '@receptionist/db';
import { getEnv } from '../env.ts';

export type { Database };

/**
 * One database connection per server process. Kept on globalThis so `next dev` hot reloads reuse it
 * instead of opening a new libSQL client per edit.
 */
const holder = globalThis as typeof globalThis & { __receptionistWebDb?: Promise<Database> };

export function getDb(): Promise<Database> {
  if (holder.__receptionistWebDb === undefined) {
    const env = getEnv();
    holder.__receptionistWebDb = openDatabase({ url: env.databaseUrl, authToken: env.databaseAuthToken });
    holder.__receptionistWebDb.catch(() => {
      // A failed open is retried on the next request rather than cached forever.
      holder.__receptionistWebDb = undefined;
    });
  }
  return holder.__receptionistWebDb;
}
