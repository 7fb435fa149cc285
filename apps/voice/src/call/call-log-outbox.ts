import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { VoiceMetrics } from '../metrics.ts';
import { applyCallLogEntry, type CallLogEntry, isPermanentFailure } from './call-log-entry.ts';
import type { OutboxFile } from './call-log-outbox-file.ts';

export interface CallLogOutboxOptions {
  /** Applies one entry to the database (the domain's call verbs). */
  apply?: (entry: CallLogEntry) => Promise<void>;
  /** Applies entries through the domain verbs on this database unless `apply` is given. */
  db?: Parameters<typeof applyCallLogEntry>[0];
  /** The durable copy (append-only, fsync'd); none in tests that need no crash safety. */
  file?: OutboxFile | undefined;
  logger: Logger;
  metrics: VoiceMetrics;
  /** Pause before the first retry of a failed write; doubles up to `maxRetryPauseMs`. */
  firstRetryPauseMs?: number;
  maxRetryPauseMs?: number;
}

type Pending = { entry: CallLogEntry; seq: number };

/**
 * Every call's log writes, for the whole process, on their way to the database.
 *
 * The call path only appends here (memory, plus the durable file written off the loop) and never waits:
 * entries reach the database in order, one at a time, asynchronously. A write that fails for a reason that
 * can pass (the database locked by another writer, a connection lost) is retried with backoff until it
 * lands: nothing the caller said is dropped. One that can never succeed (invalid input) is logged and
 * counted. The file is emptied whenever every entry in it has landed; after a crash, `replayOutboxFiles`
 * applies what is left, so a crash loses at most what was not yet in the file (the turn in progress).
 */
export class CallLogOutbox {
  readonly #apply: (entry: CallLogEntry) => Promise<void>;
  readonly #file: OutboxFile | undefined;
  readonly #logger: Logger;
  readonly #metrics: VoiceMetrics;
  readonly #firstPauseMs: number;
  readonly #maxPauseMs: number;
  readonly #queue: Pending[] = [];
  readonly #waiters: Array<{ seq: number; resolve: () => void }> = [];
  #nextSeq = 1;
  /** Every entry with a lower seq has landed (or been given up as impossible). */
  #doneBelow = 1;
  #draining = false;
  #closed = false;

  constructor(options: CallLogOutboxOptions) {
    const { db } = options;
    const apply = options.apply ?? (db ? (entry: CallLogEntry) => applyCallLogEntry(db, entry) : undefined);
    if (apply === undefined) throw new Error('CallLogOutbox needs `apply` or `db`');
    this.#apply = apply;
    this.#file = options.file;
    this.#logger = options.logger;
    this.#metrics = options.metrics;
    this.#firstPauseMs = options.firstRetryPauseMs ?? 50;
    this.#maxPauseMs = options.maxRetryPauseMs ?? 2_000;
  }

  /** Entries waiting to land. */
  get pending(): number {
    return this.#queue.length;
  }

  /** Queues one write; returns its sequence number. Never throws, never waits. */
  enqueue(entry: CallLogEntry): number {
    const seq = this.#nextSeq++;
    this.#queue.push({ entry, seq });
    this.#file?.append(entry);
    if (!this.#draining) void this.#drain();
    return seq;
  }

  /** Resolves once every entry up to `seq` (default: all queued so far) has landed or been given up. */
  whenDone(seq = this.#nextSeq - 1): Promise<void> {
    if (seq < this.#doneBelow) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push({ seq, resolve }));
  }

  /** Waits for every queued entry to land (or `timeoutMs`), then closes the file. */
  async close(timeoutMs: number): Promise<void> {
    await Promise.race([this.whenDone(), sleep(timeoutMs)]);
    this.#closed = true;
    await this.#file?.close();
  }

  async #drain(): Promise<void> {
    this.#draining = true;
    try {
      while (this.#queue.length > 0 && !this.#closed) {
        const next = this.#queue[0] as Pending;
        await this.#land(next);
        this.#queue.shift();
        this.#doneBelow = next.seq + 1;
        this.#wake();
      }
    } finally {
      this.#draining = false;
    }
    // Everything written to the file has landed: it can start empty again.
    if (this.#queue.length === 0) this.#file?.truncateIfSettled(() => this.#queue.length === 0);
  }

  async #land({ entry }: Pending): Promise<void> {
    let pauseMs = this.#firstPauseMs;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.#apply(entry);
        if (attempt > 1) this.#logger.info({ op: entry.op, attempt }, 'call log write landed after retries');
        return;
      } catch (error) {
        if (isPermanentFailure(error)) {
          this.#metrics.countError('call_log_write_rejected');
          this.#logger.error({ err: error, op: entry.op, callId: entry.callId }, 'call log write rejected');
          return;
        }
        this.#metrics.countError('call_log_write_retry');
        if (attempt === 1 || attempt % 20 === 0) {
          this.#logger.warn({ err: error, op: entry.op, attempt }, 'call log write failed; retrying');
        }
        if (this.#closed) return;
        await sleep(pauseMs);
        pauseMs = Math.min(pauseMs * 2, this.#maxPauseMs);
      }
    }
  }

  #wake(): void {
    for (let index = this.#waiters.length - 1; index >= 0; index--) {
      const waiter = this.#waiters[index];
      if (waiter !== undefined && waiter.seq < this.#doneBelow) {
        this.#waiters.splice(index, 1);
        waiter.resolve();
      }
    }
  }
}
