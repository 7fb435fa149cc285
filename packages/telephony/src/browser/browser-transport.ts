import { EventEmitter } from 'node:events';
import type { RawData, WebSocket } from 'ws';
import { ConnectionGuard, type ConnectionLimits, DEFAULT_CONNECTION_LIMITS } from '../connection-guard.ts';
import { type ControlMessageProtocol, parseControlMessage } from '../control-message.ts';
import { ProtocolViolationError, type TelephonyError } from '../errors.ts';
import { MarkedPlayback } from '../marked-playback.ts';
import { type CorkableSocket, holdWritesUntilTickEnd } from '../socket-writes.ts';
import type { CallTransport, TransportClosed, TransportEvents, TransportNotice } from '../transport.ts';
import {
  BROWSER_BYTES_PER_MS,
  BROWSER_MAX_FRAME_BYTES,
  BROWSER_SAMPLE_RATE,
  BrowserAnyMessage,
  BrowserClientMessage,
  type BrowserServerMessage,
} from './protocol.ts';

const BROWSER_PROTOCOL: ControlMessageProtocol<BrowserClientMessage, 'type'> = {
  nameField: 'type',
  named: BrowserAnyMessage,
  known: new Set(['text', 'dtmf', 'played', 'end']),
  schema: BrowserClientMessage,
  noun: 'control message',
  nameNoun: 'type',
};

export interface BrowserTransportOptions {
  limits?: Partial<ConnectionLimits>;
  /** A playback mark follows at most this much outbound agent audio. */
  markIntervalMs?: number;
  /** The TCP socket under the WebSocket (from the HTTP upgrade): writes of one tick are sent together. */
  rawSocket?: CorkableSocket;
}

/**
 * A browser test call over one WebSocket: binary PCM16 24 kHz frames both ways plus JSON control messages
 * (see ./protocol.ts and the package README). Same limits and playback tracking as the Twilio transport.
 */
export class BrowserTransport extends EventEmitter<TransportEvents> implements CallTransport {
  readonly channel = 'browser' as const;
  readonly #socket: WebSocket;
  readonly #guard: ConnectionGuard;
  readonly #playback: MarkedPlayback;
  readonly #rawSocket: CorkableSocket | undefined;
  #closeReason: TransportClosed['reason'] | undefined;
  #closing = false;
  #closed = false;

  constructor(socket: WebSocket, options: BrowserTransportOptions = {}) {
    super();
    this.#socket = socket;
    this.#rawSocket = options.rawSocket;
    this.#playback = new MarkedPlayback(
      {
        media: (chunk) => this.#write(chunk),
        mark: (name) => this.send({ type: 'mark', name }),
      },
      { bytesPerMs: BROWSER_BYTES_PER_MS, markIntervalMs: options.markIntervalMs ?? 100 },
    );
    // Browsers are quiet while the user types, so the idle limit is longer than Twilio's.
    this.#guard = new ConnectionGuard(
      socket,
      { ...DEFAULT_CONNECTION_LIMITS, idleTimeoutMs: 60_000, ...options.limits },
      (error) => this.#violate(error, 1008),
    );
    socket.on('message', (data, isBinary) => this.#onMessage(data, isBinary));
    socket.on('close', (code, reason) => this.#onClose(code, reason.toString()));
    socket.on('error', (error: Error & { code?: string }) => {
      if (this.#closed || this.#closing) return;
      this.#closeReason = 'violation';
      this.emit('violation', ProtocolViolationError.fromSocketError(error));
    });
  }

  get isPlaying(): boolean {
    return this.#playback.isPlaying;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Tells the page the call is live. */
  sendReady(callId: string, engine?: string): void {
    this.send({
      type: 'ready',
      callId,
      ...(engine === undefined ? {} : { engine }),
      audio: { encoding: 'pcm16', sampleRate: BROWSER_SAMPLE_RATE, channels: 1 },
    });
  }

  send(message: BrowserServerMessage): void {
    this.#write(JSON.stringify(message));
  }

  /** A text (control) or binary (audio) frame, while the socket is open; one tick's frames leave together. */
  #write(frame: string | Uint8Array): void {
    if (this.#socket.readyState !== this.#socket.OPEN) return;
    holdWritesUntilTickEnd(this.#rawSocket);
    this.#socket.send(frame, { binary: typeof frame !== 'string' });
  }

  sendAudio(itemId: string, audio: Uint8Array): void {
    if (this.#closing || this.#closed || audio.byteLength === 0) return;
    this.#playback.send(itemId, audio);
  }

  clearPlayback(): { itemId: string; heardMs: number } | undefined {
    this.send({ type: 'clear' });
    return this.#playback.clear();
  }

  heardMs(itemId: string): number {
    return this.#playback.heardMs(itemId);
  }

  notify(notice: TransportNotice): void {
    this.send(notice);
  }

  /** Sends `end` (so the page can say why) and closes. */
  end(reason: string, message?: string): void {
    this.send({ type: 'end', reason, ...(message ? { message } : {}) });
    this.close(1000, reason);
  }

  close(code = 1000, reason = 'call ended'): void {
    if (this.#closed || this.#closing) return;
    this.#closing = true;
    this.#closeReason ??= 'server_closed';
    this.#guard.stop();
    this.#playback.stop();
    this.#socket.close(code, reason.slice(0, 120));
    setTimeout(() => this.#socket.terminate(), 2_000).unref();
  }

  #violate(error: TelephonyError, code: number): void {
    if (this.#closed || this.#closing) return;
    this.#closeReason = 'violation';
    this.emit('violation', error);
    this.send({ type: 'error', code: error.code, message: error.message });
    this.close(code, error.code);
  }

  #onMessage(data: RawData, isBinary: boolean): void {
    if (this.#closing || this.#closed || !this.#guard.admitMessage()) return;
    const bytes = Array.isArray(data)
      ? Buffer.concat(data)
      : Buffer.isBuffer(data)
        ? data
        : Buffer.from(data);
    if (isBinary) {
      this.#onAudio(bytes);
      return;
    }
    const parsed = parseControlMessage(bytes.toString('utf8'), BROWSER_PROTOCOL);
    if (parsed.kind === 'violation') {
      this.#violate(parsed.error, parsed.closeCode);
      return;
    }
    if (parsed.kind === 'unknown') {
      this.emit('unknown', { event: parsed.name });
      return;
    }
    const message = parsed.message;
    switch (message.type) {
      case 'text':
        this.emit('text', message.text);
        return;
      case 'dtmf':
        this.emit('dtmf', message.digit);
        return;
      case 'played':
        if (this.#playback.acknowledge(message.name)) this.emit('played', message.name);
        return;
      case 'end':
        this.#closeReason = 'hangup';
        this.close(1000, 'caller hung up');
        return;
    }
  }

  #onAudio(bytes: Buffer): void {
    if (bytes.byteLength % 2 !== 0) {
      this.#violate(new ProtocolViolationError('wrong_codec', 'PCM16 frame has an odd byte length'), 1007);
      return;
    }
    if (bytes.byteLength > BROWSER_MAX_FRAME_BYTES) {
      this.#violate(new ProtocolViolationError('frame_too_large', 'audio frame longer than 500 ms'), 1009);
      return;
    }
    if (!this.#guard.admitAudio(bytes.byteLength / BROWSER_BYTES_PER_MS)) return;
    this.emit('audio', new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  }

  #onClose(code: number, reason: string): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#guard.stop();
    this.#playback.stop();
    this.emit('closed', { reason: this.#closeReason ?? 'socket_closed', code, detail: reason || undefined });
  }
}
