import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer } from 'ws';
import {
  FakeRealtimeConnection,
  type FakeRealtimeConnectionOptions,
  type FakeRealtimeReply,
  type FakeRealtimeResponder,
} from './fake-openai-realtime-connection.ts';

export type {
  FakeRealtimeReply,
  FakeRealtimeResponder,
  FakeRealtimeResponderInput,
  JsonObject,
} from './fake-openai-realtime-connection.ts';
export { FakeRealtimeConnection } from './fake-openai-realtime-connection.ts';
export type { EnergyVadOptions } from './fake-openai-realtime-vad.ts';

export interface FakeOpenAIRealtimeServerOptions
  extends Partial<Omit<FakeRealtimeConnectionOptions, 'respond'>> {
  /** Decides each reply. Default: speaks the last tool output if there is one, else `defaultTranscript`. */
  respond?: FakeRealtimeResponder | undefined;
  defaultTranscript?: string | undefined;
}

/**
 * The default reply: after a tool output it reads the output aloud (so a supervisor's sentence becomes
 * the agent's words, as the chat agent is told to do); otherwise a fixed sentence.
 */
export function readBackToolOutput(defaultTranscript: string): FakeRealtimeResponder {
  return ({ items }): FakeRealtimeReply => {
    const last = items.at(-1);
    if (last?.type === 'function_call_output' && typeof last.output === 'string') {
      return { kind: 'audio', transcript: last.output };
    }
    return { kind: 'audio', transcript: defaultTranscript };
  };
}

/**
 * A WebSocket server on 127.0.0.1:0 that speaks the OpenAI Realtime GA protocol well enough for the
 * Agents SDK, scriptable per test: replies, speech during playback, errors, close codes, delays,
 * refused connections. Point the engine's `realtimeUrl` at `url`.
 */
export class FakeOpenAIRealtimeServer {
  readonly connections: FakeRealtimeConnection[] = [];
  /** Upgrade requests seen, including refused ones. */
  connectionAttempts = 0;
  readonly #http: Server;
  readonly #wss: WebSocketServer;
  readonly #options: FakeRealtimeConnectionOptions;
  readonly #sockets = new Set<Socket>();
  readonly #waiters: Array<(connection: FakeRealtimeConnection) => void> = [];
  #refuse = 0;
  #port = 0;

  private constructor(options: FakeOpenAIRealtimeServerOptions) {
    this.#options = {
      respond:
        options.respond ?? readBackToolOutput(options.defaultTranscript ?? 'How can I help you today?'),
      audioChunkBytes: options.audioChunkBytes,
      audioChunkIntervalMs: options.audioChunkIntervalMs,
      vad: options.vad ?? 'manual',
      vadOptions: options.vadOptions,
      transcribe: options.transcribe,
    };
    this.#http = createServer((_request, response) => {
      response.writeHead(426).end();
    });
    this.#http.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
    this.#wss = new WebSocketServer({ noServer: true });
    this.#http.on('upgrade', (request, socket, head) => {
      this.connectionAttempts += 1;
      if (this.#refuse > 0) {
        this.#refuse -= 1;
        socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      this.#wss.handleUpgrade(request, socket, head, (ws) => {
        const connection = new FakeRealtimeConnection(ws, request.headers, request.url ?? '/', this.#options);
        this.connections.push(connection);
        for (const waiter of this.#waiters.splice(0)) waiter(connection);
      });
    });
  }

  static async start(options: FakeOpenAIRealtimeServerOptions = {}): Promise<FakeOpenAIRealtimeServer> {
    const server = new FakeOpenAIRealtimeServer(options);
    await new Promise<void>((resolve) => server.#http.listen(0, '127.0.0.1', resolve));
    server.#port = (server.#http.address() as AddressInfo).port;
    return server;
  }

  /** The realtime endpoint, shaped like the real one. */
  get url(): string {
    return `ws://127.0.0.1:${this.#port}/v1/realtime`;
  }

  /** Refuses the next `count` WebSocket upgrades with HTTP 503 (a failed connect). */
  refuseConnections(count: number): void {
    this.#refuse = count;
  }

  /** Resolves with connection number `index` (0-based) once it exists. */
  connection(index: number, timeoutMs = 10_000): Promise<FakeRealtimeConnection> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = this.connections[index];
        if (!found) return false;
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const timer = setTimeout(
        () => reject(new Error(`fake realtime: no connection #${index} after ${timeoutMs} ms`)),
        timeoutMs,
      );
      if (check()) return;
      const waiter = () => {
        if (!check()) this.#waiters.push(waiter);
      };
      this.#waiters.push(waiter);
    });
  }

  async close(): Promise<void> {
    for (const client of this.#wss.clients) client.terminate();
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
    await new Promise<void>((resolve) => this.#http.close(() => resolve()));
  }
}
