/**
 * The caller's end of a simulated phone line, on top of the voice team's FakeTwilioCall: like Twilio, it
 * streams a 20 ms μ-law frame continuously — the caller's speech when they talk, line silence otherwise —
 * because the server's turn detection needs the silence after speech to notice the caller stopped. It also
 * knows when the receptionist has finished a reply: its audio arrived, played out (virtual speaker), and
 * stayed quiet for a while.
 */
import type { FakeTwilioCall } from '@receptionist/telephony/testing';
import { CallerError } from '../errors.ts';

const FRAME_BYTES = 160;
const FRAME_MS = 20;
const MULAW_SILENCE = 0xff;
const SILENT_FRAME = new Uint8Array(FRAME_BYTES).fill(MULAW_SILENCE);
const POLL_MS = 10;
/** Most frames sent at once to make up for a late timer. */
const MAX_CATCH_UP_FRAMES = 3;

export type ReplyOutcome = 'replied' | 'no_reply' | 'call_ended';

export class CallerLine {
  readonly call: FakeTwilioCall;
  readonly #queue: Uint8Array[] = [];
  #framesSent = 0;
  #startedAtMs = 0;
  #timer: NodeJS.Timeout | undefined;
  #lastAgentAudioAtMs = 0;
  /** Resolvers for speech that finished sending. */
  #drainWaiters: Array<() => void> = [];

  constructor(call: FakeTwilioCall) {
    this.call = call;
    call.on('audio', () => {
      this.#lastAgentAudioAtMs = performance.now();
    });
  }

  /** Starts the continuous 20 ms stream. */
  start(): void {
    if (this.#timer) return;
    this.#startedAtMs = performance.now();
    this.#tick();
  }

  get ended(): boolean {
    return this.call.closed;
  }

  /** Agent audio bytes received so far (a cursor for waitForReply). */
  get agentBytes(): number {
    return this.call.receivedBytes;
  }

  #tick = (): void => {
    this.#timer = undefined;
    if (this.call.closed) {
      this.#releaseDrainWaiters();
      return;
    }
    const now = performance.now();
    // An absolute schedule keeps the caller's clock from drifting. After a long stall (a loaded machine)
    // the schedule moves forward instead of bursting the backlog: Twilio never sends faster than real
    // time, and the server rightly treats a burst as a flood.
    const behindFrames = Math.floor((now - this.#startedAtMs) / FRAME_MS) - this.#framesSent;
    if (behindFrames > MAX_CATCH_UP_FRAMES) {
      this.#startedAtMs += (behindFrames - MAX_CATCH_UP_FRAMES) * FRAME_MS;
    }
    while (this.#startedAtMs + this.#framesSent * FRAME_MS <= now) {
      const frame = this.#queue.shift() ?? SILENT_FRAME;
      this.call.sendMediaPayload(
        Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength).toString('base64'),
      );
      this.#framesSent++;
      if (this.#queue.length === 0) this.#releaseDrainWaiters();
    }
    const next = this.#startedAtMs + this.#framesSent * FRAME_MS - performance.now();
    this.#timer = setTimeout(this.#tick, Math.max(0, next));
  };

  #releaseDrainWaiters(): void {
    const waiters = this.#drainWaiters;
    this.#drainWaiters = [];
    for (const resolve of waiters) resolve();
  }

  /** Queues caller speech (μ-law 8 kHz) and resolves once the last frame went out (or the call ended). */
  async say(mulaw: Uint8Array): Promise<void> {
    for (let offset = 0; offset < mulaw.byteLength; offset += FRAME_BYTES) {
      const frame = new Uint8Array(FRAME_BYTES).fill(MULAW_SILENCE);
      frame.set(mulaw.subarray(offset, Math.min(offset + FRAME_BYTES, mulaw.byteLength)));
      this.#queue.push(frame);
    }
    if (this.#queue.length === 0 || this.call.closed) return;
    await new Promise<void>((resolve) => this.#drainWaiters.push(resolve));
  }

  /** Keypad digits, 150 ms apart (a person pressing keys). */
  async press(digits: string): Promise<void> {
    for (const digit of digits) {
      if (this.call.closed) return;
      this.call.sendDtmf(digit);
      await sleep(150);
    }
  }

  /** Lets `ms` pass with the line open; resolves early when the call ends. */
  async idle(ms: number): Promise<void> {
    const deadline = performance.now() + ms;
    while (!this.call.closed && performance.now() < deadline)
      await sleep(Math.min(POLL_MS * 5, deadline - performance.now()));
  }

  /** Resolves once agent audio beyond byte `since` has started arriving. */
  async waitForAgentAudio(since: number, timeoutMs: number): Promise<ReplyOutcome> {
    const deadline = performance.now() + timeoutMs;
    while (this.call.receivedBytes <= since) {
      if (this.call.closed) return 'call_ended';
      if (performance.now() > deadline) return 'no_reply';
      await sleep(POLL_MS);
    }
    return 'replied';
  }

  /**
   * Waits for the receptionist's reply to a turn: audio beyond byte `since` arrives within `timeoutMs`, then
   * finishes playing and no more audio comes for `quietMs`.
   */
  async waitForReply(options: { since: number; quietMs: number; timeoutMs: number }): Promise<ReplyOutcome> {
    const started = await this.waitForAgentAudio(options.since, options.timeoutMs);
    if (started !== 'replied') return started;
    while (!this.call.closed) {
      const quietFor = performance.now() - this.#lastAgentAudioAtMs;
      if (!this.call.isPlaying && quietFor >= options.quietMs) return 'replied';
      await sleep(POLL_MS * 2);
    }
    return 'replied';
  }

  /** The caller hangs up: Twilio sends `stop` and closes the socket. */
  async hangup(): Promise<void> {
    if (this.call.closed) return;
    this.call.stop();
    await this.call.waitForClose(5000).catch(() => this.call.close());
  }

  /** Stops the stream and closes the socket (idempotent). */
  dispose(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#releaseDrainWaiters();
    this.call.close();
  }

  static assertStreamed(call: FakeTwilioCall): void {
    if (!call.answer.twiml.stream) {
      throw new CallerError(
        'twiml_without_stream',
        `the voice webhook did not connect a stream: ${call.answer.body}`,
      );
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
