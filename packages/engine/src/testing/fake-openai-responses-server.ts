import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { z } from 'zod';

/**
 * One scripted answer of the fake Responses API. `refusal` answers like a model declining a structured
 * output (a `refusal` content part instead of `output_text`); `delayMs` holds that one answer back.
 */
export type FakeResponsesStep = (
  | { kind: 'tool_calls'; calls: Array<{ name: string; arguments: Record<string, unknown> | string }> }
  | { kind: 'text'; text: string }
  | { kind: 'refusal'; refusal: string }
  | { kind: 'http_error'; status: number; message?: string }
) & { delayMs?: number | undefined };

export interface FakeResponsesRequest {
  headers: IncomingHttpHeaders;
  body: Record<string, unknown> & { input?: unknown; tools?: unknown; model?: string };
}

export type FakeResponsesScript =
  | FakeResponsesStep[]
  | ((request: FakeResponsesRequest, index: number) => FakeResponsesStep | Promise<FakeResponsesStep>);

export interface FakeResponsesServerOptions {
  script: FakeResponsesScript;
  /** Delay before each answer (to exercise deadlines). */
  delayMs?: number | undefined;
}

const requestBodySchema = z.looseObject({
  model: z.string(),
  input: z.unknown(),
  tools: z.unknown().optional(),
});

/**
 * An HTTP server on 127.0.0.1:0 answering `POST /v1/responses` like the OpenAI Responses API
 * (non-streaming), from a script. Point the engine's `baseUrl` at `baseUrl`.
 */
export class FakeOpenAIResponsesServer {
  readonly requests: FakeResponsesRequest[] = [];
  readonly #http: Server;
  readonly #options: FakeResponsesServerOptions;
  readonly #sockets = new Set<Socket>();
  #counter = 0;
  #port = 0;

  private constructor(options: FakeResponsesServerOptions) {
    this.#options = options;
    this.#http = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        void this.#answer(
          request.method,
          request.url,
          request.headers,
          Buffer.concat(chunks).toString('utf8'),
        )
          .then(({ status, body }) => {
            response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
          })
          .catch((error: unknown) => {
            response.writeHead(500, { 'content-type': 'application/json' });
            response.end(JSON.stringify({ error: { message: String(error), type: 'server_error' } }));
          });
      });
    });
    this.#http.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
  }

  static async start(options: FakeResponsesServerOptions): Promise<FakeOpenAIResponsesServer> {
    const server = new FakeOpenAIResponsesServer(options);
    await new Promise<void>((resolve) => server.#http.listen(0, '127.0.0.1', resolve));
    server.#port = (server.#http.address() as AddressInfo).port;
    return server;
  }

  /** The REST base, like `https://api.openai.com/v1`. */
  get baseUrl(): string {
    return `http://127.0.0.1:${this.#port}/v1`;
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#http.close(() => resolve()));
  }

  async #answer(
    method: string | undefined,
    url: string | undefined,
    headers: IncomingHttpHeaders,
    rawBody: string,
  ): Promise<{ status: number; body: unknown }> {
    if (method !== 'POST' || url?.split('?')[0] !== '/v1/responses') {
      return { status: 404, body: { error: { message: 'Not found', type: 'invalid_request_error' } } };
    }
    let json: unknown;
    try {
      json = JSON.parse(rawBody);
    } catch {
      return { status: 400, body: { error: { message: 'Invalid JSON', type: 'invalid_request_error' } } };
    }
    const parsed = requestBodySchema.safeParse(json);
    if (!parsed.success) {
      return {
        status: 400,
        body: { error: { message: parsed.error.message, type: 'invalid_request_error' } },
      };
    }
    const request: FakeResponsesRequest = { headers, body: parsed.data };
    const index = this.requests.length;
    this.requests.push(request);
    const { script } = this.#options;
    const step = typeof script === 'function' ? await script(request, index) : script[index];
    const delayMs = step?.delayMs ?? this.#options.delayMs;
    if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (!step) {
      return {
        status: 500,
        body: { error: { message: `No scripted step #${index}`, type: 'server_error' } },
      };
    }
    if (step.kind === 'http_error') {
      return {
        status: step.status,
        body: { error: { message: step.message ?? 'Scripted error', type: 'server_error' } },
      };
    }
    return { status: 200, body: this.#response(parsed.data.model, step) };
  }

  #response(model: string, step: Exclude<FakeResponsesStep, { kind: 'http_error' }>): unknown {
    this.#counter += 1;
    const output =
      step.kind === 'text' || step.kind === 'refusal'
        ? [
            {
              type: 'message',
              id: `msg_fake_${this.#counter}`,
              role: 'assistant',
              status: 'completed',
              content: [
                step.kind === 'text'
                  ? { type: 'output_text', text: step.text, annotations: [] }
                  : { type: 'refusal', refusal: step.refusal },
              ],
            },
          ]
        : step.calls.map((call, callIndex) => ({
            type: 'function_call',
            id: `fc_fake_${this.#counter}_${callIndex}`,
            call_id: `call_fake_${this.#counter}_${callIndex}`,
            name: call.name,
            arguments: typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments),
            status: 'completed',
          }));
    return {
      id: `resp_fake_${this.#counter}`,
      object: 'response',
      created_at: Math.floor(Date.now() / 1000),
      status: 'completed',
      model,
      output,
      parallel_tool_calls: false,
      tool_choice: 'auto',
      tools: [],
      usage: { input_tokens: 50, output_tokens: 10, total_tokens: 60 },
      error: null,
      incomplete_details: null,
    };
  }
}
