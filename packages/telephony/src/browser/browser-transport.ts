import type { RawData, WebSocket } from 'ws';
import { type ConnectionLimits, DEFAULT_CONNECTION_LIMITS } from '../connection-guard.ts';
import { type ControlMessageProtocol, parseControlMessage } from '../control-message.ts';
import { ProtocolViolationError, type TelephonyError } from '../errors.ts';
import { RateWindow } from '../rate-window.ts';
import { SocketCallTransport } from '../socket-call-transport.ts';
import type { CorkableSocket } from '../socket-writes.ts';
import type { TransportNotice } from '../transport.ts';
import {
  BROWSER_BYTES_PER_MS,
  BROWSER_MAX_FRAME_BYTES,
  BROWSER_SAMPLE_RATE,
  BrowserAnyMessage,
  BrowserClientMessage,
  type BrowserServerMessage,
  TYPED_LINE_LIMITED,
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
  /**
   * Typed lines reach the engine at most this often (each is a model turn, which costs money); more are
   * refused with an `error` message to the page, not passed on.
   */
  typedLines?: { perSecond: number; perCall: number; now?: () => number } | undefined;
}

/** The `error` code the page gets for a typed line over the limit. */

/**
 * A browser test call over one WebSocket: binary PCM16 24 kHz frames both ways plus JSON control messages
 * (see ./protocol.ts and the package README). Same limits and playback tracking as the Twilio transport.
 */
export class BrowserTransport extends SocketCallTransport {
  readonly channel = 'browser' as const;
  readonly #perSecond: RateWindow | undefined;
  readonly #perCall: RateWindow | undefined;

  constructor(socket: WebSocket, options: BrowserTransportOptions = {}) {
    super(
      socket,
      {
        media: (chunk) => this.write(chunk),
        mark: (name) => this.send({ type: 'mark', name }),
      },
      {
        // Browsers are quiet while the user types, so the idle limit is longer than Twilio's.
        limits: { ...DEFAULT_CONNECTION_LIMITS, idleTimeoutMs: 60_000, ...options.limits },
        playback: { bytesPerMs: BROWSER_BYTES_PER_MS, markIntervalMs: options.markIntervalMs ?? 100 },
        rawSocket: options.rawSocket,
      },
    );
    const lines = options.typedLines;
    if (lines !== undefined) {
      this.#perSecond = new RateWindow({ limit: lines.perSecond, windowMs: 1_000, now: lines.now });
      this.#perCall = new RateWindow({
        limit: lines.perCall,
        windowMs: Number.POSITIVE_INFINITY,
        now: lines.now,
      });
    }
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
    this.write(JSON.stringify(message));
  }

  sendAudio(itemId: string, audio: Uint8Array): void {
    if (!this.open || audio.byteLength === 0) return;
    this.playback.send(itemId, audio);
  }

  clearPlayback(): { itemId: string; heardMs: number } | undefined {
    this.send({ type: 'clear' });
    return this.playback.clear();
  }

  notify(notice: TransportNotice): void {
    this.send(notice);
  }

  /** Sends `end` (so the page can say why) and closes. */
  end(reason: string, message?: string): void {
    this.send({ type: 'end', reason, ...(message ? { message } : {}) });
    this.close(1000, reason);
  }

  protected override onViolation(error: TelephonyError): void {
    this.send({ type: 'error', code: error.code, message: error.message });
  }

  protected receive(data: RawData, isBinary: boolean): void {
    const bytes = Array.isArray(data)
      ? Buffer.concat(data)
      : Buffer.isBuffer(data)
        ? data
        : Buffer.from(data);
    if (isBinary) {
      this.#onAudio(bytes);
      return;
    }
    const message = this.accept(parseControlMessage(bytes.toString('utf8'), BROWSER_PROTOCOL));
    switch (message?.type) {
      case undefined:
        return;
      case 'text':
        if (!this.#typedLineAllowed()) return;
        this.emit('text', message.text);
        return;
      case 'dtmf':
        this.emit('dtmf', message.digit);
        return;
      case 'played':
        if (this.playback.acknowledge(message.name)) this.emit('played', message.name);
        return;
      case 'end':
        this.hangUp('caller hung up');
        return;
    }
  }

  /** Within both typed-line limits; the page is told when a line is refused. */
  #typedLineAllowed(): boolean {
    if (this.#perSecond === undefined || this.#perCall === undefined) return true;
    // Per second first: a burst refused there does not use up the call's allowance.
    if (this.#perSecond.allow('line') && this.#perCall.allow('line')) return true;
    this.send({ type: 'error', code: TYPED_LINE_LIMITED, message: 'Too many typed lines; wait a moment.' });
    return false;
  }

  #onAudio(bytes: Buffer): void {
    if (bytes.byteLength % 2 !== 0) {
      this.violate(new ProtocolViolationError('wrong_codec', 'PCM16 frame has an odd byte length'), 1007);
      return;
    }
    if (bytes.byteLength > BROWSER_MAX_FRAME_BYTES) {
      this.violate(new ProtocolViolationError('frame_too_large', 'audio frame longer than 500 ms'), 1009);
      return;
    }
    if (!this.guard.admitAudio(bytes.byteLength / BROWSER_BYTES_PER_MS)) return;
    this.emit('audio', new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  }
}
