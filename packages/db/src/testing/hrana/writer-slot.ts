import { HranaStatementError } from './protocol.ts';

/**
 * The database's one write lock, arbitrated in JavaScript.
 *
 * SQLite lets one connection write at a time. Waiting for that inside SQLite does not work here: the
 * engine is synchronous, so busy_timeout would freeze the server's event loop while the stream holding
 * the lock waits, unheard, to commit; and a statement that fails with SQLITE_BUSY stays "in progress" in
 * this engine (SQLite keeps a busy statement resumable and the binding never resets it), so a later
 * COMMIT on that connection fails. So a connection takes this slot before it may write and keeps it
 * until it is back in autocommit, and SQLite never sees two writers. Waiters queue in order and give up
 * after `timeoutMs` with SQLITE_BUSY, as a libSQL server's lock wait does.
 */
export class WriterSlot {
  #held = false;
  readonly #waiters: (() => void)[] = [];

  async acquire(timeoutMs: number): Promise<void> {
    if (!this.#held) {
      this.#held = true;
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const grant = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        const index = this.#waiters.indexOf(grant);
        if (index >= 0) this.#waiters.splice(index, 1);
        reject(new HranaStatementError('SQLite error: database is locked', 'SQLITE_BUSY'));
      }, timeoutMs);
      timer.unref();
      this.#waiters.push(grant);
    });
  }

  /** Hands the slot to the next waiter, if any, without letting a newcomer jump the queue. */
  release(): void {
    const next = this.#waiters.shift();
    if (next === undefined) this.#held = false;
    else next();
  }
}

/**
 * Whether a statement may write, from its first keyword: conservative (a PRAGMA that sets something, a
 * CTE that contains a write keyword, anything unknown counts as a write). Transaction control statements
 * never need the slot themselves, except BEGIN IMMEDIATE/EXCLUSIVE, which take SQLite's write lock.
 */
export function mayWrite(sqlText: string): boolean {
  const text = sqlText.replace(/^(?:\s+|--[^\n]*\n?|\/\*[\s\S]*?\*\/)+/, '');
  const keyword = text.match(/^[A-Za-z]+/)?.[0]?.toLowerCase() ?? '';
  switch (keyword) {
    case 'select':
    case 'values':
    case 'explain':
    case 'commit':
    case 'end':
    case 'rollback':
    case 'savepoint':
    case 'release':
      return false;
    case 'begin':
      return /^begin\s+(immediate|exclusive)\b/i.test(text);
    case 'pragma':
      return text.includes('=') || text.includes('(');
    case 'with':
      return /\b(insert|update|delete|replace)\b/i.test(text);
    default:
      return true;
  }
}
