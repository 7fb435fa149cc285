import type { Logger } from 'pino';

export interface DirectoryCacheOptions {
  /** A fingerprint of the cached data, shared by every process (db-reads `directoryVersion`). */
  versionOf: () => Promise<string>;
  /** How often the fingerprint is polled: the longest a change made elsewhere goes unseen. */
  refreshMs: number;
  /** Entries are reloaded after this long even if the fingerprint did not move (a column it misses). */
  maxAgeMs: number;
  logger: Logger;
}

/**
 * Memoized directory lookups for the call path: the webhook answers from memory. Every process polls the
 * database's fingerprint of the directory and drops its cache when it moves, so a profile saved by the
 * dashboard (another process) is seen by every voice server within `refreshMs`. A failed load is not kept.
 */
export class DirectoryCache {
  readonly #options: DirectoryCacheOptions;
  readonly #entries = new Map<string, { value: Promise<unknown>; loadedAtMs: number }>();
  readonly #timer: NodeJS.Timeout;
  #version: string | undefined;
  #polling = false;

  constructor(options: DirectoryCacheOptions) {
    this.#options = options;
    this.#timer = setInterval(() => void this.refresh(), options.refreshMs);
    this.#timer.unref();
    void this.refresh();
  }

  get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const now = performance.now();
    const cached = this.#entries.get(key);
    if (cached !== undefined && now - cached.loadedAtMs < this.#options.maxAgeMs) {
      return cached.value as Promise<T>;
    }
    const value = load();
    this.#entries.set(key, { value, loadedAtMs: now });
    value.catch(() => {
      if (this.#entries.get(key)?.value === value) this.#entries.delete(key);
    });
    return value;
  }

  /** Polls the fingerprint once; drops everything if it moved. */
  async refresh(): Promise<void> {
    if (this.#polling) return;
    this.#polling = true;
    try {
      const version = await this.#options.versionOf();
      if (version !== this.#version) {
        this.#version = version;
        this.#entries.clear();
      }
    } catch (error) {
      // Not knowing is treated as a change: the next calls read the database again.
      this.#entries.clear();
      this.#options.logger.warn({ err: error }, 'could not check the business directory for changes');
    } finally {
      this.#polling = false;
    }
  }

  close(): void {
    clearInterval(this.#timer);
    this.#entries.clear();
  }
}
