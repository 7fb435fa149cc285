import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Client, Config, ResultSet } from '@libsql/client';
import type { LibSQLDatabase } from 'drizzle-orm/libsql';
// The same Drizzle wrapper as `drizzle-orm/libsql`'s, for any client we pass it; that entry would load
// libSQL's remote clients as well (see createLibsqlClient).
import { drizzle } from 'drizzle-orm/libsql/sqlite3';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import { DbError } from './errors.ts';
import { applyMigrations } from './migrate.ts';
import * as schema from './schema/index.ts';
import { withWriteLock } from './write-lock.ts';

export type Schema = typeof schema;

/** The Drizzle database over one libSQL client. Close it with `closeDatabase`. */
export type Database = LibSQLDatabase<Schema> & { $client: Client };

/** A database or an open transaction: the tenant DAL runs on either. */
export type Executor = BaseSQLiteDatabase<'async', ResultSet, Schema>;

export interface OpenDatabaseOptions {
  /** `file:./data/receptionist.db`, `file:/abs/path.db`, or a Turso `libsql://…` URL. */
  url: string;
  /** Turso auth token; ignored for local files. */
  authToken?: string | undefined;
  /** How long a local writer waits for the lock before failing with SQLITE_BUSY (libSQL's default is 0). */
  busyTimeoutMs?: number | undefined;
  /** Where the generated SQL lives; defaults to this package's `drizzle/` folder. */
  migrationsFolder?: string | undefined;
  /** Skip migrations (a process that knows another one migrates). Default: migrate. */
  migrate?: boolean | undefined;
  /**
   * `normal`: a local file's commits do not fsync (WAL syncs at checkpoints): a killed process loses
   * nothing, a power cut may lose the last commits. For writers with their own durable log (the voice
   * server's call-log outbox), so a commit never stalls the event loop on the disk. Needs one connection
   * (`connections: 1`), as the setting is per connection. Default: SQLite's `full`.
   */
  synchronous?: 'normal' | 'full' | undefined;
  /**
   * Connections in the client's pool. libSQL's default is 20; a local file gets `LOCAL_FILE_CONNECTIONS`
   * (see there), a remote database libSQL's default (its requests do run in parallel).
   */
  connections?: number | undefined;
}

/**
 * A local file's statements run synchronously, so extra connections add no parallelism: they only cover
 * the `await` between borrowing a connection and using it, and the one transaction this process can have
 * open at a time (write-lock.ts serialises them). But the pool keeps every connection it ever opened, each
 * with its own page cache and parsed schema (about 2 MB): under a burst of 100 webhooks the voice server
 * opened all 20 and its RSS grew by 15 MB for nothing. A borrower past the limit waits for the next
 * release, which every borrow but a transaction's gives back within the same task.
 */
export const LOCAL_FILE_CONNECTIONS = 4;

export const DEFAULT_BUSY_TIMEOUT_MS = 5_000;
/** In-process writers queue for up to this many busy timeouts before giving up with a `busy` DbError. */
const LOCK_WAIT_FACTOR = 4;

/**
 * Opens the database, applies connection settings and runs pending migrations.
 * Local files get WAL (readers never block the writer) and a busy timeout; every database, local or
 * remote (`libsql:`, `http(s):`), gets an in-process write lock (see write-lock.ts). Foreign keys are on
 * for every connection (libSQL's default, verified here because tenant integrity relies on it; a remote
 * server opens a connection per stream, so a PRAGMA sent from here could not turn them on anyway).
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const isLocalFile = options.url.startsWith('file:');
  if (isLocalFile) ensureParentDirectory(options.url);

  const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  let client: Client;
  try {
    const raw = await createLibsqlClient({
      url: options.url,
      authToken: options.authToken,
      timeout: busyTimeoutMs,
      intMode: 'number',
      ...((options.connections !== undefined || isLocalFile) && {
        concurrency: options.connections ?? LOCAL_FILE_CONNECTIONS,
      }),
    });
    client = withWriteLock(raw, options.url, busyTimeoutMs * LOCK_WAIT_FACTOR, busyTimeoutMs);
  } catch (cause) {
    throw new DbError('connect_failed', `cannot open database ${redactUrl(options.url)}`, { cause });
  }

  try {
    if (isLocalFile && !options.url.includes(':memory:')) {
      // Persistent in the file: every later connection (ours and other processes') uses WAL too.
      await client.execute('PRAGMA journal_mode = WAL');
    }
    if (isLocalFile && options.synchronous === 'normal') {
      if (options.connections !== 1) {
        throw new DbError(
          'connect_failed',
          'synchronous: normal needs connections: 1 (a per-connection setting)',
        );
      }
      await client.execute('PRAGMA synchronous = NORMAL');
    }
    await client.execute('PRAGMA foreign_keys = ON');
    const check = await client.execute('PRAGMA foreign_keys');
    if (Number(check.rows[0]?.[0]) !== 1) {
      throw new DbError('connect_failed', 'this libSQL build does not enable foreign keys');
    }
    const db = drizzle(client, { schema });
    if (options.migrate !== false) await applyMigrations(client, options.migrationsFolder);
    return db;
  } catch (cause) {
    client.close();
    if (cause instanceof DbError) throw cause;
    throw new DbError('connect_failed', `cannot prepare database ${redactUrl(options.url)}`, { cause });
  }
}

export function closeDatabase(db: Database): void {
  db.$client.close();
}

/**
 * libSQL's client for the URL. A local file needs only the SQLite driver: the package's main entry also
 * loads the clients of the remote protocols (Hrana over HTTP and WebSocket), about 10 MB of memory in
 * every process that only ever opens a file.
 */
async function createLibsqlClient(config: Config): Promise<Client> {
  const { createClient } = config.url.startsWith('file:')
    ? await import('@libsql/client/sqlite3')
    : await import('@libsql/client');
  return createClient(config);
}

/** `file:./data/x.db` needs `./data` to exist before SQLite can create the file. */
function ensureParentDirectory(url: string): void {
  const path = url.slice('file:'.length).split('?')[0] ?? '';
  if (path === '' || path === ':memory:') return;
  mkdirSync(dirname(path.startsWith('//') ? path.slice(2) : path), { recursive: true });
}

/** Database URLs may carry credentials in the query string; never log those. */
function redactUrl(url: string): string {
  return url.split('?')[0] ?? url;
}
