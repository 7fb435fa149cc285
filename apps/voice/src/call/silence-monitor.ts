/**
 * Watches for a caller who has gone quiet: after `silenceTimeoutMs` with nobody speaking and nothing playing
 * it asks once ("are you still there?"); after `silenceHangupMs` more it gives up. Any caller activity
 * starts over.
 */
export class SilenceMonitor {
  readonly #silenceTimeoutMs: number;
  readonly #silenceHangupMs: number;
  readonly #isBusy: () => boolean;
  readonly #onPrompt: () => void;
  readonly #onGiveUp: () => void;
  readonly #timer: NodeJS.Timeout;
  #lastActivityMs = performance.now();
  #prompted = false;
  #stopped = false;

  constructor(input: {
    silenceTimeoutMs: number;
    /** Silence after the prompt before giving up; the business's own setting (default: `silenceTimeoutMs`). */
    silenceHangupMs?: number | undefined;
    /** True while the agent is talking or the caller is mid-utterance: that is not silence. */
    isBusy: () => boolean;
    onPrompt: () => void;
    onGiveUp: () => void;
    checkIntervalMs?: number;
  }) {
    this.#silenceTimeoutMs = input.silenceTimeoutMs;
    this.#silenceHangupMs = input.silenceHangupMs ?? input.silenceTimeoutMs;
    this.#isBusy = input.isBusy;
    this.#onPrompt = input.onPrompt;
    this.#onGiveUp = input.onGiveUp;
    this.#timer = setInterval(
      () => this.#check(),
      input.checkIntervalMs ?? Math.min(250, input.silenceTimeoutMs / 4, this.#silenceHangupMs / 4),
    );
    this.#timer.unref();
  }

  /** The caller did something (spoke, typed, pressed a key). */
  callerActive(): void {
    this.#lastActivityMs = performance.now();
    this.#prompted = false;
  }

  /** Something other than the caller happened (agent audio); the silence clock restarts, the prompt stays. */
  touch(): void {
    this.#lastActivityMs = performance.now();
  }

  stop(): void {
    this.#stopped = true;
    clearInterval(this.#timer);
  }

  #check(): void {
    if (this.#stopped) return;
    if (this.#isBusy()) {
      this.#lastActivityMs = performance.now();
      return;
    }
    const allowedMs = this.#prompted ? this.#silenceHangupMs : this.#silenceTimeoutMs;
    if (performance.now() - this.#lastActivityMs < allowedMs) return;
    this.#lastActivityMs = performance.now();
    if (!this.#prompted) {
      this.#prompted = true;
      this.#onPrompt();
      return;
    }
    this.stop();
    this.#onGiveUp();
  }
}
