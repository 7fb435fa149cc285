import { resolve } from 'node:path';
import type { Client, InStatement, Transaction } from '@libsql/client';
import { WriteLockProbe } from './busy-retry.ts';
import { DbError } from './errors.ts';

/**
 * One writer at a time per database (a file, or a remote libSQL URL) per process.
 *
 * libSQL's local driver is synchronous: a statement that waits for the file's write lock (busy_timeout)
 * blocks the whole event loop. If another connection of this same process holds that lock inside an
 * open transaction, it can never commit while we wait, so the wait always ends in SQLITE_BUSY after the
 * full timeout. Queueing writers in JavaScript first removes that self-deadlock; busy_timeout still
 * arbitrates between processes, whose event loops are independent. Reads bypass the queue: in WAL they
 * never wait for the writer.
 *
 * A remote database (libSQL server, Turso) takes the same queue. Its waits are asynchronous, so nothing
 * freezes, but a write from outside an open transaction of this same process would still wait on the
 * server for a lock only this process can release (the server then aborts one of them after its own
 * timeout, which the caller does not choose): the queue turns that into the same prompt `busy` error
 * as for a file. And one process's writers wait here, in order, instead of each holding a server
 * stream open while queued there. Other processes' writers are queued by the server.
 */
class AsyncLock {
  #tail: Promise<void> = Promise.resolve();

  /**
   * Resolves with a release function once every earlier holder has released, or rejects after
   * `timeoutMs`. The timeout turns a would-be hang (a write on the client, not the transaction, from
   * inside an open transaction) into an error, as SQLITE_BUSY would have been without the lock.
   */
  acquire(timeoutMs: number): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((resolvePromise) => {
      release = resolvePromise;
    });
    const releaseOnce = once(release);
    const previous = this.#tail;
    this.#tail = previous.then(() => held);
    return new Promise((resolvePromise, reject) => {
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        reject(
          new DbError(
            'busy',
            `waited ${timeoutMs} ms for this process's write lock on the database; is a write running outside an open transaction's own handle?`,
          ),
        );
      }, timeoutMs);
      timer.unref?.();
      void previous.then(() => {
        clearTimeout(timer);
        // A waiter that gave up still takes its turn in the queue, and passes it straight on.
        if (timedOut) releaseOnce();
        else resolvePromise(releaseOnce);
      });
    });
  }
}

function once(fn: () => void): () => void {
  let called = false;
  return () => {
    if (called) return;
    called = true;
    fn();
  };
}

const locksByDatabase = new Map<string, AsyncLock>();

/** A file is keyed by its absolute path; a remote database by its URL without the query (credentials). */
function lockKey(url: string): string {
  const withoutQuery = url.split('?')[0] ?? url;
  if (!url.startsWith('file:')) return withoutQuery.replace(/\/+$/, '');
  return resolve(withoutQuery.slice('file:'.length));
}

function lockFor(url: string): AsyncLock {
  const key = lockKey(url);
  let lock = locksByDatabase.get(key);
  if (lock === undefined) {
    lock = new AsyncLock();
    locksByDatabase.set(key, lock);
  }
  return lock;
}

function isReadOnly(statement: InStatement | string): boolean {
  const text = typeof statement === 'string' ? statement : statement.sql;
  return /^\s*select\b/i.test(text) && !/\breturning\b/i.test(text);
}

/**
 * Wraps a client so its writes and transactions take the per-database lock. `lockTimeoutMs` bounds the
 * wait for it. Then, for a local file, a write holding it waits on timers while another process holds the
 * file's lock (busy-retry.ts), for up to `busyWaitMs`, so the event loop never sleeps inside SQLite. A
 * remote database's waits are asynchronous already: it needs no probe.
 */
export function withWriteLock(
  client: Client,
  url: string,
  lockTimeoutMs: number,
  busyWaitMs: number,
): Client {
  const lock = lockFor(url);
  const probe = url.startsWith('file:') ? new WriteLockProbe(url) : undefined;

  async function locked<T>(work: () => Promise<T>): Promise<T> {
    const release = await lock.acquire(lockTimeoutMs);
    try {
      await probe?.waitUntilFree(busyWaitMs);
      return await work();
    } finally {
      release();
    }
  }

  const wrapped: Partial<Client> = {
    execute: ((statementOrSql: InStatement | string, args?: unknown) => {
      const run = () =>
        typeof statementOrSql === 'string' && args !== undefined
          ? client.execute(statementOrSql, args as never)
          : client.execute(statementOrSql as InStatement);
      return isReadOnly(statementOrSql) ? run() : locked(run);
    }) as Client['execute'],
    batch: ((statements, mode) => locked(() => client.batch(statements, mode))) as Client['batch'],
    migrate: ((statements) => locked(() => client.migrate(statements))) as Client['migrate'],
    executeMultiple: ((sql) => locked(() => client.executeMultiple(sql))) as Client['executeMultiple'],
    transaction: (async (mode) => {
      const release = await lock.acquire(lockTimeoutMs);
      try {
        await probe?.waitUntilFree(busyWaitMs);
        return releasingTransaction(await client.transaction(mode), release);
      } catch (error) {
        release();
        throw error;
      }
    }) as Client['transaction'],
  };

  const close = () => {
    probe?.close();
    client.close();
  };
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === 'close') return close;
      if (typeof property === 'string' && property in wrapped) {
        return wrapped[property as keyof Client];
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** A transaction that gives the lock back once it commits, rolls back or closes. */
function releasingTransaction(tx: Transaction, release: () => void): Transaction {
  return new Proxy(tx, {
    get(target, property, receiver) {
      if (property === 'commit' || property === 'rollback') {
        return async () => {
          try {
            await target[property]();
          } finally {
            release();
          }
        };
      }
      if (property === 'close') {
        return () => {
          try {
            target.close();
          } finally {
            release();
          }
        };
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
