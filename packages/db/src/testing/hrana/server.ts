import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Database from 'libsql';
import { Describer } from './describe.ts';
import { runPipeline, type UnknownRequestListener } from './pipeline.ts';
import {
  type BatchResult,
  cursorReqBodySchema,
  HranaProtocolError,
  HranaStatementError,
  type HranaVersion,
  type PipelineRespBody,
  pipelineReqBodySchema,
} from './protocol.ts';
import { ConnectionPool, type Stream, StreamRegistry } from './streams.ts';

export interface HranaServerOptions {
  /** The SQLite file every stream opens (created if missing). */
  file: string;
  host?: string | undefined;
  /** 0 or absent: any free port. */
  port?: number | undefined;
  /** How long a statement waits for another stream's write lock before SQLITE_BUSY. */
  busyTimeoutMs?: number | undefined;
  /** A stream idle this long expires and rolls back (libSQL's server: 10 s). */
  streamIdleMs?: number | undefined;
  /** When set, every request must carry `Authorization: Bearer <authToken>`. */
  authToken?: string | undefined;
  onUnknownRequest?: UnknownRequestListener | undefined;
}

export interface HranaServer {
  /** `http://host:port`: use it as a DATABASE_URL. */
  url: string;
  port: number;
  stats(): { pipelines: number; streamsOpen: number; connectionsOpened: number };
  close(): Promise<void>;
}

const DEFAULT_BUSY_TIMEOUT_MS = 5_000;
const DEFAULT_STREAM_IDLE_MS = 10_000;
const MAX_IDLE_CONNECTIONS = 16;
const MAX_BODY_BYTES = 16 * 1024 * 1024;

/**
 * A loopback server speaking Hrana over HTTP (JSON; versions 2 and 3: `/v2/pipeline`, `/v3/pipeline`,
 * `/v3/cursor`) over one local SQLite file, for testing the product against a remote libSQL database
 * (Turso, sqld) where no server binary can be installed. Protobuf (`/v3-protobuf`) is not offered: the
 * version check answers 404 and clients fall back to JSON, as the spec provides.
 */
export async function startHranaServer(options: HranaServerOptions): Promise<HranaServer> {
  const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  // Fails here, not on the first request, when the file cannot be opened; WAL lets readers run beside the writer.
  const probe = new Database(options.file);
  probe.exec('PRAGMA journal_mode = WAL');
  probe.close();

  const pool = new ConnectionPool(options.file, busyTimeoutMs, MAX_IDLE_CONNECTIONS);
  const streams = new StreamRegistry(pool, options.streamIdleMs ?? DEFAULT_STREAM_IDLE_MS);
  const describer = new Describer(options.file);
  const onUnknownRequest = options.onUnknownRequest ?? (() => undefined);
  let pipelines = 0;

  async function pipeline(version: HranaVersion, body: unknown): Promise<PipelineRespBody> {
    const parsed = pipelineReqBodySchema.safeParse(body);
    if (!parsed.success) throw new HranaProtocolError('Cannot deserialize pipeline request body');
    const stream = claimOrOpen(parsed.data.baton);
    pipelines += 1;
    try {
      const { results, closed } = await runPipeline({
        stream,
        requests: parsed.data.requests,
        version,
        describer,
        onUnknownRequest,
      });
      if (closed) {
        streams.close(stream);
        return { baton: null, base_url: null, results };
      }
      return { baton: streams.handBack(stream), base_url: null, results };
    } catch (error) {
      streams.close(stream);
      throw error;
    }
  }

  async function cursor(body: unknown): Promise<string> {
    const parsed = cursorReqBodySchema.safeParse(body);
    if (!parsed.success) throw new HranaProtocolError('Cannot deserialize cursor request body');
    const stream = claimOrOpen(parsed.data.baton);
    try {
      const result = await stream.connection().batch(parsed.data.batch, (stmt) => stream.resolveSql(stmt));
      const head = { baton: streams.handBack(stream), base_url: null };
      return [head, ...cursorEntries(result)].map((line) => `${JSON.stringify(line)}\n`).join('');
    } catch (error) {
      streams.close(stream);
      throw error;
    }
  }

  function claimOrOpen(baton: string | null | undefined): Stream {
    return baton == null ? streams.open() : streams.claim(baton);
  }

  const server = createServer((request, response) => {
    void route(request, response).catch((error: unknown) => sendError(response, error));
  });

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (options.authToken !== undefined) {
      if (request.headers.authorization !== `Bearer ${options.authToken}`) {
        sendText(response, 401, 'Unauthorized');
        return;
      }
    }
    const path = new URL(request.url ?? '/', 'http://localhost').pathname.replace(/\/+$/, '');
    if (request.method === 'GET') {
      if (path === '' || path === '/health' || path === '/v2' || path === '/v3') {
        sendText(response, 200, '');
      } else {
        sendText(response, 404, 'Not found');
      }
      return;
    }
    if (request.method !== 'POST') {
      sendText(response, 405, 'Method not allowed');
      return;
    }
    if (path === '/v2/pipeline' || path === '/v3/pipeline') {
      const version: HranaVersion = path === '/v2/pipeline' ? 2 : 3;
      sendJson(response, 200, await pipeline(version, await readJson(request)));
    } else if (path === '/v3/cursor') {
      const text = await cursor(await readJson(request));
      response.writeHead(200, { 'content-type': 'text/plain' }).end(text);
    } else {
      sendText(response, 404, 'Not found');
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = options.host ?? '127.0.0.1';

  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    stats: () => ({
      pipelines,
      streamsOpen: streams.openCount,
      connectionsOpened: pool.opened,
    }),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      streams.closeAll();
      pool.closeAll();
      describer.close();
    },
  };
}

/** The same information as a BatchResult, as the spec's cursor entries. */
function cursorEntries(result: BatchResult): unknown[] {
  const entries: unknown[] = [];
  result.step_results.forEach((stepResult, step) => {
    const stepError = result.step_errors[step];
    if (stepError != null) {
      entries.push({ type: 'step_error', step, error: stepError });
    } else if (stepResult != null) {
      entries.push({ type: 'step_begin', step, cols: stepResult.cols });
      for (const row of stepResult.rows) entries.push({ type: 'row', row });
      entries.push({
        type: 'step_end',
        affected_row_count: stepResult.affected_row_count,
        last_insert_rowid: stepResult.last_insert_rowid,
      });
    }
  });
  return entries;
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HranaProtocolError('Request body too large');
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HranaProtocolError('Cannot deserialize client message from JSON');
  }
}

/**
 * Protocol errors are HTTP 400 with a plain-text reason (as libSQL's server does); an expired stream is
 * a 400 carrying a JSON Error; anything else is a 500 Error.
 */
function sendError(response: ServerResponse, error: unknown): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  if (error instanceof HranaProtocolError) {
    sendText(response, 400, error.message);
  } else if (error instanceof HranaStatementError) {
    sendJson(response, 400, error.toProto());
  } else {
    const message = error instanceof Error ? error.message : String(error);
    sendJson(response, 500, { message, code: 'INTERNAL' });
  }
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function sendText(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, { 'content-type': 'text/plain' }).end(body);
}
