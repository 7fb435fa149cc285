import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import {
  type BackoffPolicy,
  claimJobs,
  DEFAULT_BACKOFF,
  type Executor,
  reclaimAbandonedJobs,
} from '@receptionist/domain';
import type { Logger } from 'pino';
import type { JobHandlers } from './handlers/registry.ts';
import { type RunningJob, runJob } from './run-job.ts';

export interface WorkerOptions {
  db: Executor;
  handlers: JobHandlers;
  now: () => number;
  /** [0, 1); spreads retries (backoff jitter). */
  random: () => number;
  logger: Logger;
  /** Jobs run at once by this worker. */
  concurrency: number;
  /** How long to wait between polls when there was nothing (or not enough) to claim. */
  pollIntervalMs: number;
  /** How long a claim owns a job without renewal; a dead worker's jobs are reclaimed after this. */
  leaseMs: number;
  /** Runs of one job before it is dead-lettered. */
  maxAttempts: number;
  /** Defaults to a third of `leaseMs`. */
  renewEveryMs?: number | undefined;
  backoff?: BackoffPolicy | undefined;
  /** Unique per worker; defaults to host, pid and a random suffix. */
  workerId?: string | undefined;
}

export interface Worker {
  readonly workerId: string;
  /** Jobs running now. */
  readonly activeJobs: number;
  start(): void;
  /**
   * Stops claiming, then waits up to `timeoutMs` for running jobs to finish. Jobs still running after
   * that are abandoned: nothing is recorded, and their leases expire so another worker reclaims them.
   */
  stop(options?: { timeoutMs?: number }): Promise<{ abandoned: number }>;
}

const DEFAULT_STOP_TIMEOUT_MS = 30_000;

/** The cold path's job runner: polls for due jobs, runs each with its kind's handler under a lease. */
export function createWorker(options: WorkerOptions): Worker {
  const workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const logger = options.logger.child({ workerId });
  const active = new Set<RunningJob>();
  const deps = {
    db: options.db,
    handlers: options.handlers,
    now: options.now,
    random: options.random,
    logger,
    leaseMs: options.leaseMs,
    renewEveryMs: options.renewEveryMs ?? Math.max(1, Math.floor(options.leaseMs / 3)),
    maxAttempts: options.maxAttempts,
    backoff: options.backoff ?? DEFAULT_BACKOFF,
  };
  let state: 'idle' | 'running' | 'stopping' | 'stopped' = 'idle';
  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  /** The last poll filled every slot, so more may be waiting: a finishing job triggers the next poll. */
  let waitingForSlot = false;

  /** Sleeps until the poll interval passes, a job finishes (a slot is free) or stop() is called. */
  function pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });
  }

  /** One poll: dead-letters abandoned jobs, claims as many due jobs as there are free slots. */
  async function pollOnce(): Promise<void> {
    const ctx = { db: options.db, nowMs: options.now() };
    const dead = await reclaimAbandonedJobs({ ctx, input: { maxAttempts: options.maxAttempts } });
    for (const job of dead) {
      logger.error(
        { jobId: job.id, kind: job.kind, attempts: job.attempts },
        'job dead-lettered: its worker died on the last attempt',
      );
    }
    const free = options.concurrency - active.size;
    if (free <= 0) {
      waitingForSlot = true;
      return;
    }
    const claimed = await claimJobs({
      ctx,
      input: { workerId, limit: free, leaseMs: options.leaseMs, maxAttempts: options.maxAttempts },
    });
    for (const job of claimed) {
      const running = runJob(deps, job);
      active.add(running);
      void running.done.then(() => {
        active.delete(running);
        if (waitingForSlot) wake?.();
      });
    }
    waitingForSlot = claimed.length === free;
  }

  async function run(): Promise<void> {
    while (state === 'running') {
      try {
        await pollOnce();
      } catch (error) {
        waitingForSlot = false;
        logger.error({ err: error }, 'polling for jobs failed; trying again');
      }
      if (state !== 'running') break;
      if (waitingForSlot && active.size < options.concurrency) continue;
      await pause(options.pollIntervalMs);
    }
  }

  return {
    workerId,
    get activeJobs() {
      return active.size;
    },
    start() {
      if (state !== 'idle') return;
      state = 'running';
      logger.info(
        { concurrency: options.concurrency, leaseMs: options.leaseMs, maxAttempts: options.maxAttempts },
        'worker started',
      );
      loop = run();
    },
    async stop({ timeoutMs = DEFAULT_STOP_TIMEOUT_MS } = {}) {
      if (state === 'idle' || state === 'stopped') {
        state = 'stopped';
        return { abandoned: 0 };
      }
      state = 'stopping';
      wake?.();
      await loop;
      const jobs = [...active];
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), timeoutMs);
      });
      const finished = await Promise.race([Promise.all(jobs.map((job) => job.done)), deadline]);
      clearTimeout(timer);
      const left = finished === 'timeout' ? [...active] : [];
      for (const job of left) job.abandon();
      if (left.length > 0) {
        logger.warn(
          { jobIds: left.map((job) => job.job.id) },
          'stopped with jobs still running; they will be reclaimed',
        );
      }
      state = 'stopped';
      logger.info({ abandoned: left.length }, 'worker stopped');
      return { abandoned: left.length };
    },
  };
}
