import {
  type BackoffPolicy,
  type ClaimedJob,
  completeClaimedJob,
  type Executor,
  failClaimedJob,
  isJobKind,
  type JobDeadReason,
  type JobKind,
  parseJobPayload,
  renewJobClaim,
} from '@receptionist/domain';
import type { Logger } from 'pino';
import { describeError, PermanentJobError, WorkerError } from './errors.ts';
import type { JobHandler, JobHandlers } from './handlers/registry.ts';

export interface RunJobDeps {
  db: Executor;
  handlers: JobHandlers;
  now: () => number;
  random: () => number;
  logger: Logger;
  leaseMs: number;
  /** How often a running job's lease is extended; well under `leaseMs` so one slow write does not lose it. */
  renewEveryMs: number;
  maxAttempts: number;
  backoff: BackoffPolicy;
}

/** One job in flight. */
export interface RunningJob {
  readonly job: ClaimedJob;
  /** Settles when the run is over and its outcome recorded (or dropped); never rejects. */
  readonly done: Promise<void>;
  /**
   * Gives the job up without recording anything (the worker is stopping past its deadline): the handler
   * is told through its signal, and the lease simply expires so another worker reclaims the job.
   */
  abandon(): void;
}

type RunResult = { ok: true } | { ok: false; error: string; deadReason?: JobDeadReason };

/** Runs one claimed job: handler by kind, payload checked, lease renewed meanwhile, outcome recorded. */
export function runJob(deps: RunJobDeps, job: ClaimedJob): RunningJob {
  const log = deps.logger.child({ jobId: job.id, kind: job.kind, attempt: job.attempt });
  const controller = new AbortController();
  let abandoned = false;
  /** The handler returned: a renewal still in flight then finds the job settled, which is no loss. */
  let handlerReturned = false;
  const ctx = () => ({ db: deps.db, nowMs: deps.now() });

  const renewTimer = setInterval(() => void renew(), deps.renewEveryMs);
  renewTimer.unref?.();
  async function renew(): Promise<void> {
    try {
      const held = await renewJobClaim({ ctx: ctx(), input: { lease: job.lease, leaseMs: deps.leaseMs } });
      if (held || handlerReturned || controller.signal.aborted) return;
      clearInterval(renewTimer);
      log.warn('lost the lease: another worker took this job over; this run no longer counts');
      controller.abort(new WorkerError('lease_lost', `job ${job.id} was taken over by another worker`));
    } catch (error) {
      // A busy database is no reason to give up: the lease has slack for a few missed renewals.
      log.warn({ err: error }, 'could not renew the lease; trying again');
    }
  }

  async function execute(): Promise<RunResult> {
    const handler = isJobKind(job.kind)
      ? (deps.handlers[job.kind] as JobHandler<JobKind> | undefined)
      : undefined;
    if (handler === undefined || !isJobKind(job.kind)) {
      const known = Object.keys(deps.handlers).join(', ') || 'none';
      return {
        ok: false,
        error: `no handler for job kind "${job.kind}" (this worker handles: ${known})`,
        deadReason: 'unknown_kind',
      };
    }
    const parsed = parseJobPayload(job.kind, job.payload);
    if (!parsed.ok) return { ok: false, error: parsed.error, deadReason: 'invalid_payload' };
    try {
      await handler({
        job,
        payload: parsed.payload,
        db: deps.db,
        now: deps.now,
        logger: log,
        signal: controller.signal,
      });
      return { ok: true };
    } catch (error) {
      return {
        ok: false,
        error: describeError(error),
        ...(error instanceof PermanentJobError ? { deadReason: 'permanent_error' as const } : {}),
      };
    }
  }

  async function record(result: RunResult, startedAtMs: number): Promise<void> {
    const durationMs = deps.now() - startedAtMs;
    if (result.ok) {
      const counted = await completeClaimedJob({ ctx: ctx(), input: { lease: job.lease } });
      if (counted) log.info({ durationMs }, 'job done');
      else log.warn({ durationMs }, 'job finished after its lease was taken over; result dropped');
      return;
    }
    const failed = await failClaimedJob({
      ctx: { ...ctx(), random: deps.random },
      input: {
        lease: job.lease,
        error: result.error,
        maxAttempts: deps.maxAttempts,
        deadReason: result.deadReason,
        backoff: deps.backoff,
      },
    });
    if (failed.outcome === 'retry') {
      log.warn({ durationMs, error: result.error, retryAtMs: failed.retryAtMs }, 'job failed; will retry');
    } else if (failed.outcome === 'dead') {
      log.error({ durationMs, error: result.error, reason: failed.reason }, 'job failed; dead-lettered');
    } else {
      log.warn(
        { durationMs, error: result.error },
        'job failed after its lease was taken over; result dropped',
      );
    }
  }

  const done = (async () => {
    const startedAtMs = deps.now();
    try {
      const result = await execute();
      handlerReturned = true;
      clearInterval(renewTimer);
      if (!abandoned) await record(result, startedAtMs);
    } catch (error) {
      // Recording failed (database unreachable): the lease expires and another run retries the job.
      log.error(
        { err: error },
        'could not record the job outcome; it will be reclaimed when its lease expires',
      );
    } finally {
      clearInterval(renewTimer);
    }
  })();

  return {
    job,
    done,
    abandon() {
      abandoned = true;
      clearInterval(renewTimer);
      controller.abort(new WorkerError('shutdown', 'the worker stopped before this job finished'));
    },
  };
}
