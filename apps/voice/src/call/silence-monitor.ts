/**
 * Watches for a caller who has gone quiet: after `silenceTimeoutMs` with nobody speaking and nothing playing
 * it asks once ("are you still there?"); after a second stretch it gives up. Any caller activity starts over.
 */
export class SilenceMonitor {
  readonly #silenceTimeoutMs: number;
  readonly #isBusy: () => boolean;
  readonly #onPrompt: () => void;
  readonly #onGiveUp: () => void;
  readonly #timer: NodeJS.Timeout;
  #lastActivityMs = performance.now();
  #prompted = false;
  #stopped = false;

  constructor(input: {
    silenceTimeoutMs: number;
    /** True while the agent is talking or the caller is mid-utterance: that is not silence. */
    isBusy: () => boolean;
    onPrompt: () => void;
    onGiveUp: () => void;
    checkIntervalMs?: number;
  }) {
    this.#silenceTimeoutMs = input.silenceTimeoutMs;
    this.#isBusy = input.isBusy;
    this.#onPrompt = input.onPrompt;
    this.#onGiveUp = input.onGiveUp;
    this.#timer = setInterval(
      () => this.#check(),
      input.checkIntervalMs ?? Math.min(250, input.silenceTimeoutMs / 4),
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
    if (performance.now() - this.#lastActivityMs < this.#silenceTimeoutMs) return;
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
