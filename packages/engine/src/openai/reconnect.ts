import type { ReconnectOptions } from './options.ts';

/**
 * Counts reconnect attempts in a sliding window: at most `maxAttempts` within `windowMs`. A call that
 * ran fine for a while gets a fresh budget (e.g. the 60-minute expiry of a long call).
 */
export class ReconnectBudget {
  readonly #options: ReconnectOptions;
  readonly #now: () => number;
  #attempts: number[] = [];

  constructor(options: ReconnectOptions, now: () => number = Date.now) {
    this.#options = options;
    this.#now = now;
  }

  /** Takes one attempt; false when the window's attempts are used up. */
  tryAcquire(): boolean {
    const now = this.#now();
    this.#attempts = this.#attempts.filter((at) => now - at < this.#options.windowMs);
    if (this.#attempts.length >= this.#options.maxAttempts) return false;
    this.#attempts.push(now);
    return true;
  }

  /** Time left before the oldest counted attempt leaves the window (bounds one attempt's timeout). */
  remainingMs(): number {
    const oldest = this.#attempts[0];
    if (oldest === undefined) return this.#options.windowMs;
    return Math.max(0, this.#options.windowMs - (this.#now() - oldest));
  }

  /** Exponential backoff with ±25 % jitter so a fleet of calls does not reconnect in lockstep. */
  backoffMs(): number {
    const base = this.#options.backoffMs * 2 ** Math.max(0, this.#attempts.length - 1);
    return Math.round(base * (0.75 + Math.random() * 0.5));
  }
}
