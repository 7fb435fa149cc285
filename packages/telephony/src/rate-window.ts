/**
 * How many events each key had in the last `windowMs` (a sliding log, oldest dropped), and whether one
 * more is allowed. For limits on floods (webhooks per source, typed lines per second); the clock is
 * injected so tests decide time. Keys beyond `maxKeys` evict the least recently used, so a spray of
 * sources cannot grow memory without bound.
 */
export class RateWindow {
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #maxKeys: number;
  readonly #now: () => number;
  readonly #events = new Map<string, number[]>();

  constructor(options: { limit: number; windowMs: number; maxKeys?: number; now?: () => number }) {
    this.#limit = options.limit;
    this.#windowMs = options.windowMs;
    this.#maxKeys = options.maxKeys ?? 10_000;
    this.#now = options.now ?? (() => performance.now());
  }

  /** Counts one event for `key` and says whether it is within the limit (a refused event is not counted). */
  allow(key: string): boolean {
    const now = this.#now();
    const recent = (this.#events.get(key) ?? []).filter((at) => now - at < this.#windowMs);
    this.#events.delete(key);
    if (recent.length >= this.#limit) {
      this.#events.set(key, recent);
      return false;
    }
    recent.push(now);
    this.#events.set(key, recent);
    if (this.#events.size > this.#maxKeys) {
      const oldest = this.#events.keys().next().value;
      if (oldest !== undefined) this.#events.delete(oldest);
    }
    return true;
  }
}
