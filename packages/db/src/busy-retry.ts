import { setTimeout as sleep } from 'node:timers/promises';
import type { Client } from '@libsql/client';
// Files only: the SQLite driver alone, not the remote protocols' clients (see client.ts).
import { createClient } from '@libsql/client/sqlite3';
import { DbError } from './errors.ts';

/**
 * Waiting for another process's write lock without blocking the event loop.
 *
 * libSQL's local driver runs SQLite on the calling thread: a write that meets another process's lock (the
 * dashboard, a worker, an admin shell) sleeps inside SQLite for up to the busy timeout and freezes every
 * call this process carries meanwhile. So before a write takes its turn, a probe connection asks for the
 * lock with no busy timeout (`BEGIN IMMEDIATE`, given straight back) and, while it is refused, waits on
 * timers. Only the rare race where another process takes the lock between the probe and the write is left
 * to SQLite's own busy timeout.
 *
 * A refused statement stays "in progress" on its connection in this driver (it keeps an old read
 * snapshot until garbage-collected), so the probe connection is replaced after every refusal; the
 * connections that do real work never see a refusal.
 */
const FIRST_PAUSE_MS = 2;
const LONGEST_PAUSE_MS = 50;

export class WriteLockProbe {
  readonly #url: string;
  #probe: Client | undefined;

  constructor(fileUrl: string) {
    this.#url = fileUrl;
  }

  /** True if no other connection holds the file's write lock at this instant. */
  async lockIsFree(): Promise<boolean> {
    this.#probe ??= createClient({ url: this.#url, timeout: 0 });
    try {
      // The pool rolls the transaction back when it takes the connection back, freeing the lock at once.
      await this.#probe.execute('BEGIN IMMEDIATE');
      return true;
    } catch (error) {
      this.#probe.close();
      this.#probe = undefined;
      if (isBusyError(error)) return false;
      throw error;
    }
  }

  /** Resolves once the lock is free, waiting on timers; a `busy` DbError after `budgetMs`. */
  async waitUntilFree(budgetMs: number): Promise<void> {
    const deadline = performance.now() + budgetMs;
    let pauseMs = FIRST_PAUSE_MS;
    while (!(await this.lockIsFree())) {
      const left = deadline - performance.now();
      if (left <= 0) {
        throw new DbError('busy', `another connection held the database write lock for over ${budgetMs} ms`);
      }
      await sleep(Math.min(pauseMs, left));
      pauseMs = Math.min(pauseMs * 2, LONGEST_PAUSE_MS);
    }
  }

  close(): void {
    this.#probe?.close();
    this.#probe = undefined;
  }
}

/** True when SQLite refused for a lock another connection holds (SQLITE_BUSY, incl. extended codes). */
export function isBusyError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 5; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('SQLITE_BUSY')) return true;
    current = current.cause;
  }
  return false;
}
