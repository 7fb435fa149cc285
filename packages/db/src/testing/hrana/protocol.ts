import { z } from 'zod';

/**
 * The JSON encoding of Hrana-over-HTTP requests (versions 2 and 3), as published in libSQL's
 * docs/HRANA_3_SPEC.md. Only the client's side is parsed: the server builds its responses from the
 * types below. Unknown fields are ignored (the spec's forward-compatibility rule), so objects are not strict.
 */

export const valueSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('null') }),
  z.object({ type: z.literal('integer'), value: z.string().regex(/^-?\d+$/) }),
  z.object({ type: z.literal('float'), value: z.number() }),
  z.object({ type: z.literal('text'), value: z.string() }),
  z.object({ type: z.literal('blob'), base64: z.string() }),
]);
export type HranaValue = z.infer<typeof valueSchema>;

export const stmtSchema = z.object({
  sql: z.string().nullish(),
  sql_id: z.number().int().nullish(),
  args: z.array(valueSchema).optional(),
  named_args: z.array(z.object({ name: z.string(), value: valueSchema })).optional(),
  want_rows: z.boolean().optional(),
});
export type HranaStmt = z.infer<typeof stmtSchema>;

export type BatchCond =
  | { type: 'ok'; step: number }
  | { type: 'error'; step: number }
  | { type: 'not'; cond: BatchCond }
  | { type: 'and'; conds: BatchCond[] }
  | { type: 'or'; conds: BatchCond[] }
  | { type: 'is_autocommit' };

export const batchCondSchema: z.ZodType<BatchCond> = z.lazy(() =>
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('ok'), step: z.number().int().nonnegative() }),
    z.object({ type: z.literal('error'), step: z.number().int().nonnegative() }),
    z.object({ type: z.literal('not'), cond: batchCondSchema }),
    z.object({ type: z.literal('and'), conds: z.array(batchCondSchema) }),
    z.object({ type: z.literal('or'), conds: z.array(batchCondSchema) }),
    z.object({ type: z.literal('is_autocommit') }),
  ]),
);

export const batchSchema = z.object({
  steps: z.array(z.object({ condition: batchCondSchema.nullish(), stmt: stmtSchema })),
});
export type HranaBatch = z.infer<typeof batchSchema>;

const sqlRefFields = { sql: z.string().nullish(), sql_id: z.number().int().nullish() };

export const streamRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('close') }),
  z.object({ type: z.literal('execute'), stmt: stmtSchema }),
  z.object({ type: z.literal('batch'), batch: batchSchema }),
  z.object({ type: z.literal('sequence'), ...sqlRefFields }),
  z.object({ type: z.literal('describe'), ...sqlRefFields }),
  z.object({ type: z.literal('store_sql'), sql_id: z.number().int(), sql: z.string() }),
  z.object({ type: z.literal('close_sql'), sql_id: z.number().int() }),
  z.object({ type: z.literal('get_autocommit') }),
]);
export type StreamRequest = z.infer<typeof streamRequestSchema>;

/** A request type this server does not know; answered with an error result, never a crash. */
export const unknownRequestSchema = z.object({ type: z.string() });

export const pipelineReqBodySchema = z.object({
  baton: z.string().nullish(),
  // Parsed one by one so that one unknown request type fails only its own result.
  requests: z.array(z.unknown()),
});

export const cursorReqBodySchema = z.object({
  baton: z.string().nullish(),
  batch: batchSchema,
});

export interface HranaError {
  message: string;
  code?: string | null;
}

export interface Col {
  name: string | null;
  decltype: string | null;
}

export interface StmtResult {
  cols: Col[];
  rows: HranaValue[][];
  affected_row_count: number;
  last_insert_rowid: string | null;
  rows_read: number;
  rows_written: number;
  query_duration_ms: number;
}

export interface BatchResult {
  step_results: (StmtResult | null)[];
  step_errors: (HranaError | null)[];
}

export interface DescribeResult {
  params: { name: string | null }[];
  cols: { name: string; decltype: string | null }[];
  is_explain: boolean;
  is_readonly: boolean;
}

export type StreamResponse =
  | { type: 'close' }
  | { type: 'execute'; result: StmtResult }
  | { type: 'batch'; result: BatchResult }
  | { type: 'sequence' }
  | { type: 'describe'; result: DescribeResult }
  | { type: 'store_sql' }
  | { type: 'close_sql' }
  | { type: 'get_autocommit'; is_autocommit: boolean };

export type StreamResult = { type: 'ok'; response: StreamResponse } | { type: 'error'; error: HranaError };

export interface PipelineRespBody {
  baton: string | null;
  base_url: string | null;
  results: StreamResult[];
}

/** Hrana 2 speaks `/v2/…`, Hrana 3 `/v3/…`; version 3 adds `get_autocommit`, `is_autocommit` and cursors. */
export type HranaVersion = 2 | 3;

/**
 * An error that belongs in a result (`{type: "error"}`): a failed statement, an unknown SQL id. The
 * stream stays usable. `code` follows libSQL's server (`SQLITE_CONSTRAINT`, `SQL_PARSE_ERROR`, …).
 */
export class HranaStatementError extends Error {
  readonly code: string;

  constructor(message: string, code: string) {
    super(message);
    this.name = 'HranaStatementError';
    this.code = code;
  }

  toProto(): HranaError {
    return { message: this.message, code: this.code };
  }
}

/** A request a correct client never sends (bad baton, bad JSON): HTTP 400 and the stream is gone. */
export class HranaProtocolError extends Error {
  override readonly name = 'HranaProtocolError';
}
