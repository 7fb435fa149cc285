import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import type { CallLogRejection, CallLogStore } from './call-log-commit.ts';
import type { CallLogEntry } from './call-log-entry.ts';
import { buildCallLogWorker } from './call-log-worker-bundle.ts';
import {
  type CallLogWorkerOptions,
  CallLogWorkerReply,
  type CallLogWorkerRequest,
  revivedError,
} from './call-log-worker-protocol.ts';

/** The worker's young generation: it holds one batch at a time (V8's default would reserve 16 MB more). */
const WORKER_YOUNG_GENERATION_MB = 4;
const CLOSE_TIMEOUT_MS = 5_000;

type Waiter = { resolve: (rejected: CallLogRejection[]) => void; reject: (error: Error) => void };

/**
 * The call log's batches, committed by a worker thread that owns its own database connection
 * (call-log-worker.ts): the thread that carries calls' audio runs no call-log statement, and spends only
 * a structured clone per batch. A worker that dies fails the batches it held (the outbox retries them)
 * and is started again for the next one.
 */
export class WorkerCallLogStore implements CallLogStore {
  readonly #options: CallLogWorkerOptions;
  readonly #entry: URL;
  readonly #logger: Logger;
  readonly #waiters = new Map<number, Waiter>();
  #worker: Worker | undefined;
  #ready: Promise<void> = Promise.resolve();
  #nextId = 1;

  /**
   * Builds the worker (call-log-worker-bundle.ts) and starts it: its modules load and its connection opens
   * before the first call. `ready()` says when.
   */
  static async start(options: CallLogWorkerOptions & { logger: Logger }): Promise<WorkerCallLogStore> {
    return new WorkerCallLogStore(options, await buildCallLogWorker());
  }

  private constructor(options: CallLogWorkerOptions & { logger: Logger }, entry: URL) {
    this.#options = { url: options.url, authToken: options.authToken, busyTimeoutMs: options.busyTimeoutMs };
    this.#entry = entry;
    this.#logger = options.logger;
    this.#started();
  }

  /** Resolves once the current worker has opened its connection; rejects if it died first. */
  ready(): Promise<void> {
    return this.#ready;
  }

  commit(entries: readonly CallLogEntry[]): Promise<CallLogRejection[]> {
    const worker = this.#started();
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#waiters.set(id, { resolve, reject });
      worker.postMessage({ type: 'commit', id, entries: [...entries] } satisfies CallLogWorkerRequest);
    });
  }

  async close(): Promise<void> {
    const worker = this.#worker;
    if (worker === undefined) return;
    this.#worker = undefined;
    const closed = new Promise<void>((resolve) => {
      worker.on('message', (message: unknown) => {
        if (CallLogWorkerReply.safeParse(message).data?.type === 'closed') resolve();
      });
      worker.once('exit', () => resolve());
    });
    worker.postMessage({ type: 'close' } satisfies CallLogWorkerRequest);
    const timer = setTimeout(() => void worker.terminate(), CLOSE_TIMEOUT_MS);
    await closed;
    clearTimeout(timer);
    await worker.terminate();
  }

  #started(): Worker {
    if (this.#worker !== undefined) return this.#worker;
    const worker = new Worker(this.#entry, {
      workerData: this.#options,
      // Not the process's flags: `--max-semi-space-size` is refused in a worker; its limit is set below.
      execArgv: [],
      resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
    });
    // The server's exit is not held up by an idle worker (close() ends it when the server drains).
    worker.unref();
    this.#ready = new Promise((resolve, reject) => {
      worker.on('message', (message: unknown) => {
        if (CallLogWorkerReply.safeParse(message).data?.type === 'ready') resolve();
      });
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`call log worker exited (code ${code})`)));
    });
    // Nobody may be waiting; a worker that dies is also reported through the batches it held.
    this.#ready.catch(() => undefined);
    worker.on('message', (message: unknown) => this.#reply(message));
    worker.on('error', (error) => this.#lost(worker, error));
    worker.on('exit', (code) => this.#lost(worker, new Error(`call log worker exited (code ${code})`)));
    this.#worker = worker;
    return worker;
  }

  #reply(message: unknown): void {
    const reply = CallLogWorkerReply.safeParse(message);
    if (!reply.success) {
      this.#logger.warn({ issues: reply.error.issues.length }, 'unknown message from the call log worker');
      return;
    }
    if (reply.data.type === 'closed' || reply.data.type === 'ready') return;
    const waiter = this.#waiters.get(reply.data.id);
    if (waiter === undefined) return;
    this.#waiters.delete(reply.data.id);
    if (reply.data.type === 'failed') {
      waiter.reject(revivedError(reply.data.error));
      return;
    }
    waiter.resolve(reply.data.rejected.map(({ index, error }) => ({ index, error: revivedError(error) })));
  }

  /** The worker is gone: what it held fails (and is retried by the outbox); the next batch starts another. */
  #lost(worker: Worker, error: Error): void {
    if (this.#worker === worker) this.#worker = undefined;
    if (this.#waiters.size === 0) return;
    this.#logger.warn(
      { err: error, batches: this.#waiters.size },
      'call log worker lost; retrying its batches',
    );
    for (const waiter of this.#waiters.values()) waiter.reject(error);
    this.#waiters.clear();
  }
}
