import Database from 'libsql';
import { parameterNames } from './parameters.ts';
import {
  type BatchCond,
  type BatchResult,
  type HranaBatch,
  type HranaError,
  HranaStatementError,
  type HranaStmt,
  type StmtResult,
} from './protocol.ts';
import { type SqlValue, valueFromSql, valueToSql } from './values.ts';
import { mayWrite, type WriterSlot } from './writer-slot.ts';

type Connection = InstanceType<typeof Database>;

/**
 * One SQLite connection behind one Hrana stream: statements, batches with conditions, sequences.
 * Before a statement that may write, the connection takes the server's writer slot (writer-slot.ts) and
 * keeps it until it is back in autocommit; reads never wait (WAL). SQLite's own busy timeout is 0: with
 * the slot it never meets another writer, and a deferred transaction that read and then tries to write
 * after another commit gets SQLITE_BUSY at once, as SQLite answers.
 */
export class SqlConnection {
  readonly #db: Connection;
  readonly #slot: WriterSlot;
  readonly #busyTimeoutMs: number;
  #holdsSlot = false;

  constructor(path: string, slot: WriterSlot, busyTimeoutMs: number) {
    this.#db = new Database(path, { timeout: 0 } as never);
    this.#slot = slot;
    this.#busyTimeoutMs = busyTimeoutMs;
  }

  get isAutocommit(): boolean {
    return !this.#db.inTransaction;
  }

  close(): void {
    try {
      this.rollback();
    } finally {
      this.#db.close();
    }
  }

  /** Ends an open transaction, if any, and gives the writer slot back. */
  rollback(): void {
    try {
      if (!this.isAutocommit) this.#db.exec('ROLLBACK');
    } finally {
      this.#releaseSlotIfAutocommit();
    }
  }

  /** Runs one statement. `sqlText` is the statement's SQL, already resolved from `sql` or `sql_id`. */
  async execute(stmt: HranaStmt, sqlText: string): Promise<StmtResult> {
    const args = bindArgs(stmt, sqlText);
    if (mayWrite(sqlText)) await this.#takeSlot();
    try {
      return this.#run(sqlText, args, stmt.want_rows !== false);
    } catch (error) {
      throw asStatementError(error);
    } finally {
      this.#releaseSlotIfAutocommit();
    }
  }

  /** Runs every step whose condition holds, in order; one step's error does not stop the next. */
  async batch(batch: HranaBatch, resolveSql: (stmt: HranaStmt) => string): Promise<BatchResult> {
    const result: BatchResult = { step_results: [], step_errors: [] };
    for (const step of batch.steps) {
      const stepIndex = result.step_results.length;
      if (step.condition != null && !this.#holds(step.condition, result, stepIndex)) {
        result.step_results.push(null);
        result.step_errors.push(null);
        continue;
      }
      try {
        result.step_results.push(await this.execute(step.stmt, resolveSql(step.stmt)));
        result.step_errors.push(null);
      } catch (error) {
        result.step_results.push(null);
        result.step_errors.push(toHranaError(error));
      }
    }
    return result;
  }

  /** Several statements separated by semicolons, no arguments, no rows; stops at the first error. */
  async sequence(sqlText: string): Promise<void> {
    await this.#takeSlot();
    try {
      this.#db.exec(sqlText);
    } catch (error) {
      throw asStatementError(error);
    } finally {
      this.#releaseSlotIfAutocommit();
    }
  }

  async #takeSlot(): Promise<void> {
    if (this.#holdsSlot) return;
    await this.#slot.acquire(this.#busyTimeoutMs);
    this.#holdsSlot = true;
  }

  #releaseSlotIfAutocommit(): void {
    if (this.#holdsSlot && this.isAutocommit) {
      this.#holdsSlot = false;
      this.#slot.release();
    }
  }

  #holds(cond: BatchCond, sofar: BatchResult, currentStep: number): boolean {
    switch (cond.type) {
      case 'ok':
      case 'error': {
        if (cond.step >= currentStep) {
          throw new HranaStatementError(
            'Invalid reference to step in a batch condition',
            'BATCH_COND_BAD_STEP',
          );
        }
        return cond.type === 'ok'
          ? sofar.step_results[cond.step] != null
          : sofar.step_errors[cond.step] != null;
      }
      case 'not':
        return !this.#holds(cond.cond, sofar, currentStep);
      case 'and':
        return cond.conds.every((inner) => this.#holds(inner, sofar, currentStep));
      case 'or':
        return cond.conds.some((inner) => this.#holds(inner, sofar, currentStep));
      case 'is_autocommit':
        return this.isAutocommit;
    }
  }

  #run(sqlText: string, args: SqlValue[], wantRows: boolean): StmtResult {
    const startedAt = performance.now();
    const statement = this.#db.prepare(sqlText);
    statement.safeIntegers(true);
    const base = { rows_read: 0, query_duration_ms: 0 };
    if (!statement.reader) {
      const info = statement.run(args as never);
      return {
        ...base,
        cols: [],
        rows: [],
        affected_row_count: info.changes,
        last_insert_rowid: info.changes > 0 ? String(info.lastInsertRowid) : null,
        rows_written: info.changes,
        query_duration_ms: performance.now() - startedAt,
      };
    }
    const totalChangesBefore = this.#scalar('SELECT total_changes()');
    statement.raw(true);
    const cols = statement.columns().map((col) => ({ name: col.name, decltype: col.type }));
    const rows = (statement.all(args as never) as unknown[][]).map((row) => row.map(valueFromSql));
    // A reader may write too (INSERT … RETURNING): SQLite's counters tell whether it did.
    const wrote = this.#scalar('SELECT total_changes()') !== totalChangesBefore;
    const affected = wrote ? Number(this.#scalar('SELECT changes()')) : 0;
    return {
      ...base,
      cols,
      rows: wantRows ? rows : [],
      affected_row_count: affected,
      last_insert_rowid: wrote ? String(this.#scalar('SELECT last_insert_rowid()')) : null,
      rows_written: affected,
      query_duration_ms: performance.now() - startedAt,
    };
  }

  #scalar(sqlText: string): unknown {
    const statement = this.#db.prepare(sqlText);
    statement.safeIntegers(true);
    statement.raw(true);
    return (statement.get() as unknown[] | undefined)?.[0];
  }
}

/**
 * Arguments always bind by position: the engine's binding by name panics on a statement that also has a
 * nameless `?`. Named arguments find their position from the SQL text; a name without its sigil matches
 * `:name`, `@name` or `$name` (the spec asks the server to guess), and a named argument wins over a
 * positional one for the same parameter.
 */
function bindArgs(stmt: HranaStmt, sqlText: string): SqlValue[] {
  const positional = (stmt.args ?? []).map(valueToSql);
  const named = stmt.named_args ?? [];
  if (named.length === 0) return positional;
  const values = new Map<string, SqlValue>();
  for (const arg of named) {
    const bare = /^[:@$]/.test(arg.name) ? arg.name.slice(1) : arg.name;
    values.set(bare, valueToSql(arg.value));
  }
  return parameterNames(sqlText).map((name, index) => {
    const bare = name?.slice(1);
    if (bare !== undefined && values.has(bare)) return values.get(bare) ?? null;
    return positional[index] ?? null;
  });
}

/**
 * libSQL's server reports the primary SQLite code (`SQLITE_CONSTRAINT`) and keeps SQLite's message.
 * Anything else that escapes a statement is reported as the server's own failure.
 */
export function asStatementError(error: unknown): HranaStatementError {
  if (error instanceof HranaStatementError) return error;
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (typeof code === 'string' && code.startsWith('SQLITE_')) {
    const primary = code.match(/^SQLITE_[A-Z]+/)?.[0] ?? code;
    const parseError = primary === 'SQLITE_ERROR' && /syntax error|incomplete input/.test(message);
    return new HranaStatementError(`SQLite error: ${message}`, parseError ? 'SQL_PARSE_ERROR' : primary);
  }
  return new HranaStatementError(message, 'SQL_INPUT_ERROR');
}

export function toHranaError(error: unknown): HranaError {
  return asStatementError(error).toProto();
}
