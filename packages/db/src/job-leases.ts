import { and, asc, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { Executor } from './client.ts';
import { type JobDeadReason, type JobRow, type JobStatus, jobs } from './schema/index.ts';

// Lease-aware writes for workers. A claim (claimDueJobs with a workerId) is identified by the job id, the
// worker id and the attempt number it was given; every write below only lands while all three still
// match a running job. A worker whose lease expired and whose job another worker reclaimed therefore
// cannot renew, complete or fail it any more: its late result is dropped instead of overwriting the
// new run's. (A lease that expired but that nobody reclaimed yet is still held: finishing then is fine.)

/** One worker's hold on one run of a job. */
export interface JobLease {
  jobId: string;
  workerId: string;
  /** The job's `attempts` after this claim: the fencing token. */
  attempt: number;
}

function held(lease: JobLease): SQL | undefined {
  return and(
    eq(jobs.id, lease.jobId),
    eq(jobs.status, 'running'),
    eq(jobs.lockedBy, lease.workerId),
    eq(jobs.attempts, lease.attempt),
  );
}

/** Extends the lease of a running job; false when this worker no longer holds it. */
export async function renewJobLease(
  ex: Executor,
  lease: JobLease,
  options: { leaseUntil: number; atMs: number },
): Promise<boolean> {
  const rows = await ex
    .update(jobs)
    .set({ leaseUntil: options.leaseUntil, updatedAt: options.atMs })
    .where(held(lease))
    .returning({ id: jobs.id });
  return rows.length === 1;
}

/** Marks the run done; undefined (nothing written) when the lease was lost. */
export async function completeLeasedJob(
  ex: Executor,
  lease: JobLease,
  options: { atMs: number },
): Promise<JobRow | undefined> {
  return settle(ex, lease, { status: 'done', lastError: null }, options.atMs);
}

/**
 * Records a failed run: back to the queue at `retryAtMs`, or into the dead-letter queue (`failed` with a
 * reason) when `deadReason` is given. Undefined (nothing written) when the lease was lost.
 */
export async function failLeasedJob(
  ex: Executor,
  lease: JobLease,
  options: { error: string; atMs: number } & (
    | { retryAtMs: number; deadReason?: undefined }
    | { deadReason: JobDeadReason; retryAtMs?: undefined }
  ),
): Promise<JobRow | undefined> {
  return settle(
    ex,
    lease,
    {
      status: options.deadReason === undefined ? 'queued' : 'failed',
      ...(options.retryAtMs === undefined ? {} : { runAt: options.retryAtMs }),
      lastError: options.error.slice(0, 2_000),
      deadReason: options.deadReason ?? null,
    },
    options.atMs,
  );
}

/** Ends a run this lease still holds: writes its outcome and releases the lease in one statement. */
async function settle(
  ex: Executor,
  lease: JobLease,
  outcome: {
    status: JobStatus;
    runAt?: number;
    lastError: string | null;
    deadReason?: JobDeadReason | null;
  },
  atMs: number,
): Promise<JobRow | undefined> {
  const [row] = await ex
    .update(jobs)
    .set({ ...outcome, lockedBy: null, leaseUntil: null, updatedAt: atMs })
    .where(held(lease))
    .returning();
  return row;
}

/**
 * Dead-letters running jobs whose lease expired after their last allowed attempt: a job that kills its
 * worker every time (out of memory, a crash in native code) must not be reclaimed forever.
 */
export async function deadLetterAbandonedJobs(
  ex: Executor,
  options: { atMs: number; maxAttempts: number },
): Promise<JobRow[]> {
  return ex
    .update(jobs)
    .set({
      status: 'failed',
      deadReason: 'attempts_exhausted',
      lastError: `the worker running attempt ${options.maxAttempts} stopped renewing its lease`,
      lockedBy: null,
      leaseUntil: null,
      updatedAt: options.atMs,
    })
    .where(
      and(
        eq(jobs.status, 'running'),
        lt(jobs.leaseUntil, options.atMs),
        gte(jobs.attempts, options.maxAttempts),
      ),
    )
    .returning();
}

/** Jobs across every business, for operators (the dead-letter queue is `status: 'failed'`). */
export async function listJobs(
  ex: Executor,
  filters: { status?: JobStatus; kind?: string; limit?: number } = {},
): Promise<JobRow[]> {
  return ex
    .select()
    .from(jobs)
    .where(
      and(
        filters.status === undefined ? undefined : eq(jobs.status, filters.status),
        filters.kind === undefined ? undefined : eq(jobs.kind, filters.kind),
      ),
    )
    .orderBy(desc(jobs.updatedAt), asc(jobs.id))
    .limit(Math.min(Math.max(1, filters.limit ?? 100), 1_000));
}
