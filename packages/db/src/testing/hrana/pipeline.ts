import type { Describer } from './describe.ts';
import {
  HranaProtocolError,
  type HranaVersion,
  type StreamRequest,
  type StreamResponse,
  type StreamResult,
  streamRequestSchema,
  unknownRequestSchema,
} from './protocol.ts';
import { asStatementError } from './sql-connection.ts';
import type { Stream } from './streams.ts';

/** Requests that arrived with a type this server does not know (kept for the log and for tests). */
export type UnknownRequestListener = (type: string) => void;

/**
 * Runs one pipeline's requests in order on a stream. Every request gets a result: SQL failures and
 * unknown request types become `{type: "error"}` results and the next request still runs (the spec:
 * "the server always executes all requests"). Protocol violations (a bad `sql_id`) throw
 * HranaProtocolError and end the stream. Returns whether a `close` request ended the stream.
 */
export async function runPipeline(options: {
  stream: Stream;
  requests: unknown[];
  version: HranaVersion;
  describer: Describer;
  onUnknownRequest: UnknownRequestListener;
}): Promise<{ results: StreamResult[]; closed: boolean }> {
  const { stream, version } = options;
  const results: StreamResult[] = [];
  let closed = false;
  for (const raw of options.requests) {
    if (closed) throw new HranaProtocolError('Stream for this baton was closed');
    const parsed = streamRequestSchema.safeParse(raw);
    if (!parsed.success) {
      const unknown = unknownRequestSchema.safeParse(raw);
      if (!unknown.success) throw new HranaProtocolError('Stream request has no type');
      options.onUnknownRequest(unknown.data.type);
      results.push(errorResult(`Unknown stream request type "${unknown.data.type}"`, 'NONE'));
      continue;
    }
    const request = parsed.data;
    if (request.type === 'close') {
      closed = true;
      results.push({ type: 'ok', response: { type: 'close' } });
      continue;
    }
    try {
      const response = await handle(request, stream, version, options.describer);
      results.push({ type: 'ok', response });
    } catch (error) {
      if (error instanceof HranaProtocolError) throw error;
      results.push({ type: 'error', error: asStatementError(error).toProto() });
    }
  }
  return { results, closed };
}

async function handle(
  request: Exclude<StreamRequest, { type: 'close' }>,
  stream: Stream,
  version: HranaVersion,
  describer: Describer,
): Promise<StreamResponse> {
  switch (request.type) {
    case 'execute': {
      const result = await stream.connection().execute(request.stmt, stream.resolveSql(request.stmt));
      return { type: 'execute', result };
    }
    case 'batch': {
      if (version < 3) rejectV3Conditions(request.batch.steps.map((step) => step.condition));
      const result = await stream.connection().batch(request.batch, (stmt) => stream.resolveSql(stmt));
      return { type: 'batch', result };
    }
    case 'sequence':
      await stream.connection().sequence(stream.resolveSql(request));
      return { type: 'sequence' };
    case 'describe':
      return { type: 'describe', result: describer.describe(stream.resolveSql(request)) };
    case 'store_sql':
      stream.storeSql(request.sql_id, request.sql);
      return { type: 'store_sql' };
    case 'close_sql':
      stream.sqlTexts.delete(request.sql_id);
      return { type: 'close_sql' };
    case 'get_autocommit':
      if (version < 3) {
        throw new HranaProtocolError(
          'get_autocommit is only supported in protocol version hrana3 and higher',
        );
      }
      return { type: 'get_autocommit', is_autocommit: stream.isAutocommit };
  }
}

/** `is_autocommit` conditions came with Hrana 3; a v2 client sending one is a protocol error. */
function rejectV3Conditions(conditions: unknown[]): void {
  if (JSON.stringify(conditions).includes('"is_autocommit"')) {
    throw new HranaProtocolError(
      'is_autocommit conditions are only supported in protocol version hrana3 and higher',
    );
  }
}

function errorResult(message: string, code: string): StreamResult {
  return { type: 'error', error: { message, code } };
}
