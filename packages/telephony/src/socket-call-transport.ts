import { TypedEmitter } from '@receptionist/audio';
import type { RawData, WebSocket } from 'ws';
import { ConnectionGuard, type ConnectionLimits } from './connection-guard.ts';
import type { ParsedControlMessage } from './control-message.ts';
import { ProtocolViolationError, type TelephonyError } from './errors.ts';
import { MarkedPlayback, type MarkedPlaybackOptions, type PlaybackSink } from './marked-playback.ts';
import { type CorkableSocket, holdWritesUntilTickEnd } from './socket-writes.ts';
import type { CallTransport, TransportClosed, TransportEvents, TransportNotice } from './transport.ts';

export interface SocketCallTransportOptions {
  limits: ConnectionLimits;
  playback: MarkedPlaybackOptions;
  /** The TCP socket under the WebSocket (from the HTTP upgrade): writes of one tick are sent together. */
  rawSocket: CorkableSocket | undefined;
}

/**
 * What the Twilio and browser transports share: one caller WebSocket with its ConnectionGuard and marked
 * playback, and one lifecycle — close once (with a backstop for peers that never finish the handshake),
 * report a broken rule and then close, emit `closed` with the first reason. Subclasses parse and handle
 * the messages of their protocol and build what they send.
 */
export abstract class SocketCallTransport extends TypedEmitter<TransportEvents> implements CallTransport {
  abstract readonly channel: 'phone' | 'browser';
  protected readonly socket: WebSocket;
  protected readonly guard: ConnectionGuard;
  protected readonly playback: MarkedPlayback;
  readonly #rawSocket: CorkableSocket | undefined;
  #closeReason: TransportClosed['reason'] | undefined;
  #closing = false;
  #closed = false;

  constructor(socket: WebSocket, sink: PlaybackSink, options: SocketCallTransportOptions) {
    super();
    this.socket = socket;
    this.#rawSocket = options.rawSocket;
    this.playback = new MarkedPlayback(sink, options.playback);
    this.guard = new ConnectionGuard(socket, options.limits, (error) => this.violate(error, 1008));
    socket.on('message', (data, isBinary) => {
      if (this.#closing || this.#closed || !this.guard.admitMessage()) return;
      this.receive(data, isBinary);
    });
    socket.on('close', (code, reason) => this.#onClose(code, reason.toString()));
    socket.on('error', (error: Error & { code?: string }) => {
      if (this.#closing || this.#closed) return;
      this.#closeReason = 'violation';
      this.emit('violation', ProtocolViolationError.fromSocketError(error));
    });
  }

  abstract sendAudio(itemId: string, audio: Uint8Array): void;
  abstract clearPlayback(): { itemId: string; heardMs: number } | undefined;
  abstract notify(notice: TransportNotice): void;

  /** One message the guard admitted, while the transport is open. */
  protected abstract receive(data: RawData, isBinary: boolean): void;

  /** Stops the subclass's own timers; called when closing starts and again when the socket has closed. */
  protected stopTimers(): void {}

  /** After a broken rule is reported and before closing: tell the far end, settle what waits on it. */
  protected onViolation(_error: TelephonyError): void {}

  get isPlaying(): boolean {
    return this.playback.isPlaying;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Neither closing nor closed. */
  protected get open(): boolean {
    return !this.#closing && !this.#closed;
  }

  heardMs(itemId: string): number {
    return this.playback.heardMs(itemId);
  }

  close(code = 1000, reason = 'call ended'): void {
    if (this.#closed || this.#closing) return;
    this.#closing = true;
    this.#closeReason ??= 'server_closed';
    this.guard.stop();
    this.playback.stop();
    this.stopTimers();
    // A close reason may be at most 123 bytes long.
    this.socket.close(code, reason.slice(0, 120));
    // A peer that never answers the close handshake must not keep the socket (and the call) alive.
    setTimeout(() => this.socket.terminate(), 2_000).unref();
  }

  /** The far end said goodbye (Twilio `stop`, browser `end`). */
  protected hangUp(reason: string): void {
    this.#closeReason = 'hangup';
    this.close(1000, reason);
  }

  protected violate(error: TelephonyError, code: number): void {
    if (this.#closed || this.#closing) return;
    this.#closeReason = 'violation';
    this.emit('violation', error);
    this.onViolation(error);
    this.close(code, error.code);
  }

  /** The message of a parsed control frame; a violation or an unknown name is dealt with here. */
  protected accept<Message>(parsed: ParsedControlMessage<Message>): Message | undefined {
    if (parsed.kind === 'violation') {
      this.violate(parsed.error, parsed.closeCode);
      return undefined;
    }
    if (parsed.kind === 'unknown') {
      this.emit('unknown', { event: parsed.name });
      return undefined;
    }
    return parsed.message;
  }

  /** A text (control) or binary (audio) frame, while the socket is open; one tick's frames leave together. */
  protected write(frame: string | Uint8Array): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    holdWritesUntilTickEnd(this.#rawSocket);
    this.socket.send(frame, { binary: typeof frame !== 'string' });
  }

  #onClose(code: number, reason: string): void {
    if (this.#closed) return;
    this.#closed = true;
    this.guard.stop();
    this.playback.stop();
    this.stopTimers();
    this.emit('closed', { reason: this.#closeReason ?? 'socket_closed', code, detail: reason || undefined });
  }
}
