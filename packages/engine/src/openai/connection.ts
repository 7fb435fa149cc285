import { OpenAIRealtimeWebSocket } from '@openai/agents/realtime';
import { TypedEmitter } from '@receptionist/audio';
import type { Logger } from 'pino';
import { EngineConnectError } from '../errors.ts';
import { RealtimeSender } from './client-events.ts';
import { RealtimeSocket } from './realtime-socket.ts';
import { parseServerMessage, type ServerEvent } from './server-events.ts';

export interface RealtimeConnectionEvents {
  /** Every server event the engine acts on, parsed once, in arrival order from the first one. */
  server_event: ServerEvent;
  /** The socket went away after the session was ready (never after `close()`). */
  disconnected: { code: number };
}

export interface RealtimeConnectionOptions {
  /** The session's WebSocket URL, model included. */
  url: string;
  apiKey: string;
  /** The `session.update` payload sent as soon as the socket opens. */
  session: Record<string, unknown>;
  logger: Logger;
}

/** Reads the SDK transport's identifying headers (User-Agent, SDK version); it is never connected. */
class AgentsSdkHeaders extends OpenAIRealtimeWebSocket {
  read(): Record<string, string> {
    return this.getCommonRequestHeaders();
  }
}

let sdkHeaders: Record<string, string> | undefined;

/** We still run the SDK's agent and tools, so the socket identifies itself as its transport would. */
function agentsSdkHeaders(): Record<string, string> {
  sdkHeaders ??= new AgentsSdkHeaders().read();
  return sdkHeaders;
}

/**
 * One Realtime WebSocket: the one road in and the one road out for its events. Every message is parsed
 * once (`parseServerMessage`) and emitted as `server_event`; unknown types are logged and dropped,
 * malformed ones logged as warnings, never thrown. Everything sent goes through `sender`.
 * Listen first, then `await ready(timeoutMs)`: it resolves once the server confirmed the session config
 * (`session.updated`), so the audio formats are known to be applied before any audio flows.
 */
export class RealtimeConnection extends TypedEmitter<RealtimeConnectionEvents> {
  readonly sender: RealtimeSender;
  readonly #socket: RealtimeSocket;
  readonly #logger: Logger;
  readonly #configured: Promise<void>;
  #ready = false;
  #closedByUs = false;

  constructor(options: RealtimeConnectionOptions) {
    super();
    this.#logger = options.logger;
    this.#socket = new RealtimeSocket(options.url, {
      headers: { Authorization: `Bearer ${options.apiKey}`, ...agentsSdkHeaders() },
      // Base64 audio barely compresses; deflate would cost CPU and a zlib context per call.
      perMessageDeflate: false,
    });
    this.sender = new RealtimeSender(this.#socket, options.logger);
    this.#configured = new Promise<void>((resolve, reject) => {
      this.#socket.once('open', () => this.sender.updateSession(options.session));
      this.#socket.on('message', (data, isBinary) => {
        if (isBinary) return;
        const event = this.#parse(String(data));
        if (!event) return;
        if (event.type === 'session.updated') resolve();
        this.sender.observe(event);
        this.emit('server_event', event);
      });
      this.#socket.on('error', (error) => {
        this.#logger.debug({ err: error }, 'realtime socket error');
        reject(new EngineConnectError('Realtime socket failed', error));
      });
      this.#socket.on('close', (code) => {
        reject(new EngineConnectError(`Realtime socket closed during setup (${code})`));
        if (this.#ready && !this.#closedByUs) this.emit('disconnected', { code });
      });
    });
    // When setup fails or times out nobody may be waiting any more; that rejection is expected.
    this.#configured.catch(() => {});
  }

  /** Resolves once the session is configured; otherwise closes the socket and rejects with EngineConnectError. */
  async ready(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () => reject(new EngineConnectError(`Realtime session not ready after ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    try {
      await Promise.race([this.#configured, timedOut]);
      if (this.#socket.readyState !== RealtimeSocket.OPEN)
        throw new EngineConnectError('Realtime socket closed during setup');
      this.#ready = true;
    } catch (error) {
      this.close();
      throw error instanceof EngineConnectError
        ? error
        : new EngineConnectError('Could not open the Realtime session', error);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Closes the socket; `disconnected` is not emitted for it. */
  close(): void {
    this.#closedByUs = true;
    try {
      this.#socket.close();
    } catch (error) {
      this.#logger.debug({ err: error }, 'closing the realtime socket failed');
    }
  }

  #parse(text: string): ServerEvent | undefined {
    const parsed = parseServerMessage(text);
    if (parsed.kind === 'event') return parsed.event;
    if (parsed.kind === 'other') this.#logger.debug({ type: parsed.type }, 'realtime event passed over');
    else
      this.#logger.warn(
        { type: parsed.type, issues: parsed.issues },
        'realtime event did not match the protocol',
      );
    return undefined;
  }
}
