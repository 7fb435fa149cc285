import type { RawData, WebSocket } from 'ws';
import { decodeStrictBase64 } from '../base64.ts';
import { type ConnectionLimits, DEFAULT_CONNECTION_LIMITS } from '../connection-guard.ts';
import { type ControlMessageProtocol, parseControlMessage } from '../control-message.ts';
import { ProtocolViolationError, TelephonyError } from '../errors.ts';
import { SocketCallTransport } from '../socket-call-transport.ts';
import type { CorkableSocket } from '../socket-writes.ts';
import type { TransportNotice } from '../transport.ts';
import { acceptMediaMessage } from './media-fast-path.ts';
import {
  isTwilioMediaFormat,
  TwilioAnyEvent,
  TwilioInboundMessage,
  type TwilioStartMessage,
  TwilioStreamMessages,
} from './media-protocol.ts';

const MULAW_BYTES_PER_MS = 8;
/** One inbound media message may carry at most one second of audio (Twilio sends 20 ms). */
const MAX_INBOUND_MEDIA_BYTES = 8_000;
const TWILIO_PROTOCOL: ControlMessageProtocol<TwilioInboundMessage, 'event'> = {
  nameField: 'event',
  named: TwilioAnyEvent,
  known: new Set(['connected', 'start', 'media', 'mark', 'dtmf', 'stop']),
  schema: TwilioInboundMessage,
  noun: 'message',
  nameNoun: 'event name',
};

/** JSON, or undefined when it is not (the schema path then reports it). */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export interface TwilioStreamStart {
  streamSid: string;
  callSid: string;
  accountSid: string;
  customParameters: Record<string, string>;
}

export interface TwilioMediaTransportOptions {
  /** The callSid the stream token was minted for; a `start` naming another call is refused. */
  expectedCallSid: string;
  /**
   * The Twilio account this server is configured for: a `start` from another account is refused (someone
   * replaying a token they obtained into their own account's stream). Unchecked when not configured.
   */
  expectedAccountSid?: string | undefined;
  /** `start` must arrive this soon after the upgrade. */
  startTimeoutMs?: number;
  limits?: Partial<ConnectionLimits>;
  /** A playback mark follows at most this much outbound agent audio (barge-in precision). */
  markIntervalMs?: number;
  /** The TCP socket under the WebSocket (from the HTTP upgrade): writes of one tick are sent together. */
  rawSocket?: CorkableSocket;
}

/**
 * The Twilio Media Streams side of a phone call over one WebSocket: strict parsing, `start` validation,
 * per-connection limits, outbound media/mark/clear and mark-based playback tracking.
 */
export class TwilioMediaTransport extends SocketCallTransport {
  readonly channel = 'phone' as const;
  /** Resolves at a valid `start`; rejects when the stream ends or breaks the rules before one. */
  readonly started: Promise<TwilioStreamStart>;
  readonly #expectedCallSid: string;
  readonly #expectedAccountSid: string | undefined;
  #start: TwilioStreamStart | undefined;
  /** What we send on the stream, once `start` names it. */
  #outbound: TwilioStreamMessages | undefined;
  #resolveStart!: (start: TwilioStreamStart) => void;
  #rejectStart!: (error: Error) => void;
  #startTimer: NodeJS.Timeout;

  constructor(socket: WebSocket, options: TwilioMediaTransportOptions) {
    super(
      socket,
      {
        // Playback only runs after `start` (sendAudio checks), so the stream is named by then.
        media: (chunk) => {
          if (this.#outbound) this.write(this.#outbound.media(chunk));
        },
        mark: (name) => {
          if (this.#outbound) this.write(this.#outbound.mark(name));
        },
      },
      {
        limits: { ...DEFAULT_CONNECTION_LIMITS, ...options.limits },
        playback: { bytesPerMs: MULAW_BYTES_PER_MS, markIntervalMs: options.markIntervalMs ?? 100 },
        rawSocket: options.rawSocket,
      },
    );
    this.#expectedCallSid = options.expectedCallSid;
    this.#expectedAccountSid = options.expectedAccountSid;
    const startTimeoutMs = options.startTimeoutMs ?? 5_000;
    this.started = new Promise((resolve, reject) => {
      this.#resolveStart = resolve;
      this.#rejectStart = reject;
    });
    // Nobody may be awaiting `started` yet; a rejection here is also reported through `violation`/`closed`.
    this.started.catch(() => {});
    this.#startTimer = setTimeout(
      () => this.violate(new TelephonyError('start_timeout', `no start within ${startTimeoutMs} ms`), 1008),
      startTimeoutMs,
    );
    // Registered first, so `started` is settled before anyone else hears of the close.
    this.once('closed', () =>
      this.#rejectStart(new TelephonyError('protocol_error', 'stream closed before start')),
    );
  }

  get streamStart(): TwilioStreamStart | undefined {
    return this.#start;
  }

  sendAudio(itemId: string, audio: Uint8Array): void {
    if (!this.#outbound || !this.open || audio.byteLength === 0) return;
    this.playback.send(itemId, audio);
  }

  clearPlayback(): { itemId: string; heardMs: number } | undefined {
    if (this.#outbound) this.write(this.#outbound.clear());
    return this.playback.clear();
  }

  notify(_notice: TransportNotice): void {
    // A phone cannot show transcripts.
  }

  protected override stopTimers(): void {
    clearTimeout(this.#startTimer);
  }

  protected override onViolation(error: TelephonyError): void {
    this.#rejectStart(error);
  }

  protected receive(data: RawData, isBinary: boolean): void {
    if (isBinary) {
      this.violate(new ProtocolViolationError('protocol_error', 'binary frame on a Media Stream'), 1003);
      return;
    }
    const text = data.toString();
    // Media (nearly every message) is checked by hand; anything else, or media it refuses, by the schema.
    const media = text.includes('"media"') ? acceptMediaMessage(parseJson(text)) : undefined;
    const message = media ?? this.accept(parseControlMessage(text, TWILIO_PROTOCOL));
    if (message) this.#handle(message);
  }

  #handle(message: TwilioInboundMessage): void {
    if (message.event === 'connected') return;
    if (message.event === 'start') {
      this.#onStart(message);
      return;
    }
    if (!this.#start) {
      this.violate(new ProtocolViolationError('protocol_error', `${message.event} before start`), 1008);
      return;
    }
    if (message.streamSid !== this.#start.streamSid) {
      this.violate(new ProtocolViolationError('protocol_error', 'message for another stream'), 1008);
      return;
    }
    switch (message.event) {
      case 'media': {
        if (message.media.track !== 'inbound' && message.media.track !== 'inbound_track') return;
        let audio: Uint8Array;
        try {
          audio = decodeStrictBase64(message.media.payload, MAX_INBOUND_MEDIA_BYTES);
        } catch (error) {
          this.violate(error as TelephonyError, 1007);
          return;
        }
        if (!this.guard.admitAudio(audio.byteLength / MULAW_BYTES_PER_MS)) return;
        this.emit('audio', audio);
        return;
      }
      case 'mark':
        if (this.playback.acknowledge(message.mark.name)) this.emit('played', message.mark.name);
        return;
      case 'dtmf':
        this.emit('dtmf', message.dtmf.digit);
        return;
      case 'stop':
        this.hangUp('stream stopped');
        return;
    }
  }

  #onStart(message: TwilioStartMessage): void {
    if (this.#start) {
      this.violate(new ProtocolViolationError('protocol_error', 'second start message'), 1008);
      return;
    }
    if (!isTwilioMediaFormat(message.start.mediaFormat)) {
      this.violate(
        new ProtocolViolationError('wrong_codec', 'media format is not audio/x-mulaw 8000 Hz mono'),
        1003,
      );
      return;
    }
    if (message.start.callSid !== this.#expectedCallSid) {
      this.violate(new ProtocolViolationError('wrong_call', 'start names another call than the token'), 1008);
      return;
    }
    if (this.#expectedAccountSid !== undefined && message.start.accountSid !== this.#expectedAccountSid) {
      this.violate(
        new ProtocolViolationError('wrong_account', 'start names another Twilio account than ours'),
        1008,
      );
      return;
    }
    clearTimeout(this.#startTimer);
    this.#start = {
      streamSid: message.start.streamSid,
      callSid: message.start.callSid,
      accountSid: message.start.accountSid,
      customParameters: message.start.customParameters,
    };
    this.#outbound = new TwilioStreamMessages(message.start.streamSid);
    this.#resolveStart(this.#start);
  }
}
