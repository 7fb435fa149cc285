import type { Logger } from 'pino';

export interface DirectoryCacheOptions {
  /** A fingerprint of the cached data, shared by every process (db-reads `directoryVersion`). */
  versionOf: () => Promise<string>;
  /** How often the fingerprint is polled: the longest a change made elsewhere goes unseen. */
  refreshMs: number;
  /**
   * Entries are reloaded after this long even if the fingerprint did not move (a column it misses); the old
   * entry answers until the new one has loaded.
   */
  maxAgeMs: number;
  logger: Logger;
  /** A monotonic clock in ms (tests move it); `performance.now` by default. */
  now?: () => number;
}

interface CacheEntry {
  value: Promise<unknown>;
  loadedAtMs: number;
  /** A fresh copy is loading in the background (the entry is past `maxAgeMs`). */
  reloading: boolean;
}

/**
 * Memoized directory lookups for the call path: the webhook answers from memory. Every process polls the
 * database's fingerprint of the directory and drops its cache when it moves, so a profile saved by the
 * dashboard (another process) is seen by every voice server within `refreshMs`. A failed load is not kept.
 */
export class DirectoryCache {
  readonly #options: DirectoryCacheOptions;
  readonly #entries = new Map<string, CacheEntry>();
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
    const now = this.#options.now?.() ?? performance.now();
    const cached = this.#entries.get(key);
    if (cached === undefined) return this.#load(key, load, now).value as Promise<T>;
    if (now - cached.loadedAtMs >= this.#options.maxAgeMs && !cached.reloading) {
      // Past its age but not known to have changed (the fingerprint has not moved): calls keep getting
      // the entry they have while a fresh one loads, instead of all waiting for it (a reload in the middle
      // of a burst of calls held their webhooks for hundreds of milliseconds).
      cached.reloading = true;
      const fresh = load();
      fresh.then(
        () => {
          if (this.#entries.get(key) === cached) {
            this.#entries.set(key, { value: fresh, loadedAtMs: now, reloading: false });
          }
        },
        (error: unknown) => {
          cached.reloading = false;
          this.#options.logger.warn(
            { err: error, key },
            'could not reload a directory entry; keeping the one we have',
          );
        },
      );
    }
    return cached.value as Promise<T>;
  }

  #load(key: string, load: () => Promise<unknown>, now: number): CacheEntry {
    const entry: CacheEntry = { value: load(), loadedAtMs: now, reloading: false };
    this.#entries.set(key, entry);
    entry.value.catch(() => {
      if (this.#entries.get(key) === entry) this.#entries.delete(key);
    });
    return entry;
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
