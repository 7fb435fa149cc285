import Database from 'libsql';
import { parameterNames } from './parameters.ts';
import type { DescribeResult } from './protocol.ts';
import { asStatementError } from './sql-connection.ts';

type Connection = InstanceType<typeof Database>;

/**
 * `describe`: a statement's parameters, result columns and whether it reads only, without running it.
 *
 * The engine exposes no parameter names and no sqlite3_stmt_readonly, so parameters are read from the SQL
 * text with SQLite's numbering rules, and "read only" comes from the statement's bytecode (EXPLAIN): a
 * statement writes when it opens a write transaction or a table for writing. EXPLAIN runs on a connection
 * of its own, because an EXPLAINed write statement stays "in progress" and would block a COMMIT.
 */
export class Describer {
  readonly #db: Connection;

  constructor(path: string) {
    this.#db = new Database(path, { timeout: 0 } as never);
  }

  describe(sqlText: string): DescribeResult {
    try {
      const statement = this.#db.prepare(sqlText);
      const cols = statement.reader
        ? statement.columns().map((col) => ({ name: col.name, decltype: col.type }))
        : [];
      const isExplain = /^\s*explain\b/i.test(sqlText);
      return {
        params: parameterNames(sqlText).map((name) => ({ name })),
        cols,
        is_explain: isExplain,
        is_readonly: isExplain || !this.#writes(sqlText),
      };
    } catch (error) {
      throw asStatementError(error);
    }
  }

  close(): void {
    this.#db.close();
  }

  #writes(sqlText: string): boolean {
    if (/^\s*(begin|commit|end|rollback|savepoint|release)\b/i.test(sqlText)) return false;
    const explain = this.#db.prepare(`EXPLAIN ${sqlText}`);
    explain.raw(true);
    const program = explain.all() as unknown[][];
    return program.some(
      ([, opcode, , p2]) =>
        opcode === 'OpenWrite' || (opcode === 'Transaction' && Number(p2) > 0) || opcode === 'ParseSchema',
    );
  }
}
