import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { VoiceMetrics } from '../metrics.ts';
import type { CallLogStore } from './call-log-commit.ts';
import type { CallLogEntry } from './call-log-entry.ts';
import type { OutboxFile } from './call-log-outbox-file.ts';

export interface CallLogOutboxOptions {
  /** Where batches are written: the call-log worker thread in the server, this thread's connection in tests. */
  store: CallLogStore;
  /** The durable copy (append-only, fsync'd); none in tests that need no crash safety. */
  file?: OutboxFile | undefined;
  logger: Logger;
  metrics: VoiceMetrics;
  /** Pause before the first retry of a failed write; doubles up to `maxRetryPauseMs`. */
  firstRetryPauseMs?: number;
  maxRetryPauseMs?: number;
  /**
   * Entries queued within this long are written in one transaction. A local commit fsyncs on the thread
   * that runs it, so fewer, larger commits keep the event loop free (default 100 ms).
   */
  batchWindowMs?: number;
}

type Pending = { entry: CallLogEntry; seq: number };

/** At most this many entries commit together. */
const MAX_BATCH = 500;
/**
 * Every call's log writes, for the whole process, on their way to the database.
 *
 * The call path only appends here (memory, plus the durable file written off the loop) and never waits:
 * entries reach the database in order, asynchronously, in batches of one transaction each. A batch that
 * fails for a reason that can pass (the database locked by another writer, a connection lost) is retried
 * with backoff until it lands: nothing the caller said is dropped. An entry that can never succeed
 * (invalid input, no such call) is rolled back alone, logged and counted. The file is emptied whenever every entry in it has landed; after a crash, `replayOutboxFiles`
 * applies what is left, so a crash loses at most what was not yet in the file (the turn in progress).
 */
export class CallLogOutbox {
  readonly #store: CallLogStore;
  readonly #batchWindowMs: number;
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
    this.#store = options.store;
    this.#batchWindowMs = options.batchWindowMs ?? 100;
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
        // Let the entries of the next moments join this batch (a whole arrival burst commits once).
        if (this.#batchWindowMs > 0) await sleep(this.#batchWindowMs);
        const batch = this.#queue.slice(0, MAX_BATCH);
        await this.#land(batch);
        this.#queue.splice(0, batch.length);
        this.#doneBelow = (batch.at(-1)?.seq ?? this.#doneBelow - 1) + 1;
        this.#wake();
      }
    } finally {
      this.#draining = false;
    }
    // Everything written to the file has landed: it can start empty again.
    if (this.#queue.length === 0) this.#file?.truncateIfSettled(() => this.#queue.length === 0);
  }

  /** Commits a batch; retried whole while it fails for a reason that can pass. */
  async #land(batch: Pending[]): Promise<void> {
    let pauseMs = this.#firstPauseMs;
    for (let attempt = 1; ; attempt++) {
      try {
        const rejected = await this.#store.commit(batch.map(({ entry }) => entry));
        for (const { index, error } of rejected) {
          const entry = batch[index]?.entry;
          this.#metrics.countError('call_log_write_rejected');
          this.#logger.error({ err: error, op: entry?.op, callId: entry?.callId }, 'call log write rejected');
        }
        if (attempt > 1)
          this.#logger.info({ attempt, entries: batch.length }, 'call log writes landed after retries');
        return;
      } catch (error) {
        this.#metrics.countError('call_log_write_retry');
        if (attempt === 1 || attempt % 20 === 0) {
          this.#logger.warn(
            { err: error, attempt, entries: batch.length },
            'call log write failed; retrying',
          );
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
