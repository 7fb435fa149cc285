import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { Database } from '../db-reads/index.ts';
import type { VoiceMetrics } from '../metrics.ts';
import { applyCallLogEntry, type CallLogEntry, isPermanentFailure } from './call-log-entry.ts';
import type { OutboxFile } from './call-log-outbox-file.ts';
import { applyCallLogStep, planCallLogSteps } from './call-log-steps.ts';

export interface CallLogOutboxOptions {
  /** Applies entries through the domain's call verbs, a batch per transaction. */
  db: Database;
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
 * A batch gives the event loop its turn after this much work. A local libSQL statement runs synchronously
 * and awaiting its result yields only to microtasks, so a whole batch (four statements an entry) used to
 * run as one task: at 100 calls, batches of the arrival burst held every call's audio for 10-50 ms, the
 * largest share of the voice server's long tasks (CPU profile). Between slices, media flows.
 */
const SLICE_MS = 2;

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
  readonly #db: Database;
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
    this.#db = options.db;
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
        const rejected = await this.#commit(batch);
        for (const { entry, error } of rejected) {
          this.#metrics.countError('call_log_write_rejected');
          this.#logger.error({ err: error, op: entry.op, callId: entry.callId }, 'call log write rejected');
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

  /**
   * One transaction for the batch. First without savepoints (two statements fewer an entry: a third of
   * the batch's statements) and with the lines of different calls in one insert (call-log-steps.ts); if
   * the domain refuses something, that transaction rolls back and the batch is written again entry by
   * entry with a savepoint each, so the refused entry is rolled back alone and reported. Any other
   * failure aborts the batch, to be retried.
   */
  async #commit(batch: Pending[]): Promise<Array<{ entry: CallLogEntry; error: unknown }>> {
    try {
      const steps = planCallLogSteps(batch.map(({ entry }) => entry));
      await this.#db.transaction(async (tx) => {
        await this.#sliced(steps, (step) => applyCallLogStep(tx, step));
      });
      return [];
    } catch (error) {
      if (!isPermanentFailure(error)) throw error;
    }
    const rejected: Array<{ entry: CallLogEntry; error: unknown }> = [];
    await this.#db.transaction(async (tx) => {
      await this.#sliced(batch, async ({ entry }) => {
        try {
          await tx.transaction((savepoint) => applyCallLogEntry(savepoint, entry));
        } catch (error) {
          if (!isPermanentFailure(error)) throw error;
          rejected.push({ entry, error });
        }
      });
    });
    return rejected;
  }

  /** Applies each item in order, giving the event loop its turn after every `SLICE_MS` of work. */
  async #sliced<T>(items: readonly T[], apply: (item: T) => Promise<void>): Promise<void> {
    let sliceStartMs = performance.now();
    for (const item of items) {
      if (performance.now() - sliceStartMs >= SLICE_MS) {
        await nextTurn();
        sliceStartMs = performance.now();
      }
      await apply(item);
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
