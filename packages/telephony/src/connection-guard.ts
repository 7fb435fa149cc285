import type { WebSocket } from 'ws';
import { TelephonyError } from './errors.ts';

/** Per-connection limits that protect the server from silent, slow or flooding peers. */
export interface ConnectionLimits {
  /** No message at all for this long → close. Twilio sends media continuously, even during silence. */
  idleTimeoutMs: number;
  /** WebSocket ping interval; a peer that misses a pong by the next ping is terminated. */
  heartbeatIntervalMs: number;
  /** Sustained message rate allowed (token bucket refill per second). */
  maxMessagesPerSecond: number;
  /** Messages allowed in a burst above the sustained rate. */
  messageBurst: number;
  /** Caller audio may arrive at most this many times faster than real time… */
  maxAudioSpeed: number;
  /** …plus this much slack for jitter buffers flushing at once. */
  audioBurstMs: number;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  idleTimeoutMs: 15_000,
  heartbeatIntervalMs: 10_000,
  maxMessagesPerSecond: 150,
  // Bursts are sized for our own event loop stalling for a few seconds under load: the backlog of honest
  // 20 ms frames then arrives at once and must not read as a flood. A 10x flood still trips within ~1 s.
  messageBurst: 500,
  maxAudioSpeed: 2,
  audioBurstMs: 5_000,
};

/**
 * Enforces `ConnectionLimits` on one socket. `onViolation` gets a TelephonyError and is expected to close.
 * All timers are released by `stop()`.
 */
export class ConnectionGuard {
  readonly #limits: ConnectionLimits;
  readonly #socket: WebSocket;
  readonly #onViolation: (error: TelephonyError) => void;
  readonly #now: () => number;
  #tokens: number;
  #lastMessageMs: number;
  #audioStartMs: number | undefined;
  #audioReceivedMs = 0;
  #idleTimer: NodeJS.Timeout | undefined;
  #heartbeat: NodeJS.Timeout | undefined;
  #awaitingPong = false;
  #stopped = false;

  constructor(
    socket: WebSocket,
    limits: ConnectionLimits,
    onViolation: (error: TelephonyError) => void,
    now: () => number = () => performance.now(),
  ) {
    this.#socket = socket;
    this.#limits = limits;
    this.#onViolation = onViolation;
    this.#now = now;
    this.#tokens = limits.messageBurst;
    this.#lastMessageMs = now();
    // The audio clock starts when the socket is accepted, not at the first frame: frames queued while the
    // server was busy between upgrade and `start` then count against the time they really took.
    this.#audioStartMs = this.#lastMessageMs;
    socket.on('pong', () => {
      this.#awaitingPong = false;
    });
    this.#heartbeat = setInterval(() => this.#ping(), limits.heartbeatIntervalMs);
    this.#heartbeat.unref();
    this.#armIdle(limits.idleTimeoutMs);
  }

  /** Call for every inbound message; returns false (after reporting) when the message breaks a limit. */
  admitMessage(): boolean {
    if (this.#stopped) return false;
    const now = this.#now();
    this.#tokens = Math.min(
      this.#limits.messageBurst,
      this.#tokens + ((now - this.#lastMessageMs) / 1000) * this.#limits.maxMessagesPerSecond,
    );
    this.#lastMessageMs = now;
    if (this.#tokens < 1) {
      this.#report(new TelephonyError('rate_limited', 'message flood'));
      return false;
    }
    this.#tokens -= 1;
    return true;
  }

  /** Call for each inbound audio chunk with its duration; false when audio outruns real time. */
  admitAudio(durationMs: number): boolean {
    if (this.#stopped) return false;
    const now = this.#now();
    this.#audioStartMs ??= now;
    this.#audioReceivedMs += durationMs;
    const allowedMs = (now - this.#audioStartMs) * this.#limits.maxAudioSpeed + this.#limits.audioBurstMs;
    if (this.#audioReceivedMs > allowedMs) {
      this.#report(
        new TelephonyError(
          'rate_limited',
          `caller audio arrives faster than ${this.#limits.maxAudioSpeed}x real time`,
        ),
      );
      return false;
    }
    return true;
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#idleTimer);
    clearInterval(this.#heartbeat);
  }

  #report(error: TelephonyError): void {
    if (this.#stopped) return;
    this.stop();
    this.#onViolation(error);
  }

  /**
   * One timer per idle period rather than one per message: it re-arms for whatever is left since the
   * last message (re-arming on each of 50 messages a second per call cost measurable CPU at 100 calls).
   */
  #armIdle(delayMs: number): void {
    this.#idleTimer = setTimeout(() => this.#checkIdle(), delayMs);
    this.#idleTimer.unref();
  }

  #checkIdle(): void {
    if (this.#stopped) return;
    const leftMs = this.#limits.idleTimeoutMs - (this.#now() - this.#lastMessageMs);
    // Timers may fire a fraction of a millisecond before the clock shows the full delay.
    if (leftMs > 1) {
      this.#armIdle(leftMs);
      return;
    }
    this.#report(new TelephonyError('idle_timeout', `no message for ${this.#limits.idleTimeoutMs} ms`));
  }

  #ping(): void {
    if (this.#awaitingPong) {
      this.stop();
      this.#socket.terminate();
      return;
    }
    this.#awaitingPong = true;
    try {
      this.#socket.ping();
    } catch {
      // The socket is already closing; its close event does the cleanup.
    }
  }
}
