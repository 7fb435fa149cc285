import {
  claimDueJobs,
  completeLeasedJob,
  deadLetterAbandonedJobs,
  type Executor,
  failLeasedJob,
  type JobDeadReason,
  type JobLease,
  type JobRow,
  listJobs,
  renewJobLease,
} from '@receptionist/db';
import { z } from 'zod';
import { type BackoffPolicy, retryDelayMs } from './backoff.ts';

// The worker's verbs. Workers serve every business, so they work on the database, not on one tenant; each
// job carries its business id. A claim is a lease: see packages/db/src/job-leases.ts for the fencing.

export type { JobDeadReason, JobLease } from '@receptionist/db';

export interface JobQueueContext {
  db: Executor;
  nowMs: number;
}

/** One run of a job, held by one worker until it completes, fails or loses the lease. */
export interface ClaimedJob {
  id: string;
  businessId: string;
  kind: string;
  payload: unknown;
  /** 1 on the first run. */
  attempt: number;
  lease: JobLease;
}

const ClaimJobsInput = z.object({
  workerId: z.string().min(1).max(200),
  limit: z.number().int().min(1).max(100),
  leaseMs: z.number().int().positive(),
  maxAttempts: z.number().int().min(1),
  kinds: z.array(z.string().min(1)).optional(),
});

/** Claims due jobs, and jobs whose worker stopped renewing its lease, for this worker. */
export async function claimJobs({
  ctx,
  input,
}: {
  ctx: JobQueueContext;
  input: z.input<typeof ClaimJobsInput>;
}): Promise<ClaimedJob[]> {
  const parsed = ClaimJobsInput.parse(input);
  const rows = await claimDueJobs(ctx.db, {
    atMs: ctx.nowMs,
    limit: parsed.limit,
    workerId: parsed.workerId,
    leaseMs: parsed.leaseMs,
    maxAttempts: parsed.maxAttempts,
    kinds: parsed.kinds,
  });
  return rows.map((row) => ({
    id: row.id,
    businessId: row.businessId,
    kind: row.kind,
    payload: row.payload,
    attempt: row.attempts,
    lease: { jobId: row.id, workerId: parsed.workerId, attempt: row.attempts },
  }));
}

/**
 * Jobs whose worker died: claimJobs reclaims those with attempts left; this sends those that died on
 * their last attempt to the dead-letter queue, so a job that crashes its worker cannot loop forever.
 */
export async function reclaimAbandonedJobs({
  ctx,
  input,
}: {
  ctx: JobQueueContext;
  input: { maxAttempts: number };
}): Promise<JobRow[]> {
  const maxAttempts = z.number().int().min(1).parse(input.maxAttempts);
  return deadLetterAbandonedJobs(ctx.db, { atMs: ctx.nowMs, maxAttempts });
}

/** Keeps a running job's lease; false when another worker has taken the job over. */
export async function renewJobClaim({
  ctx,
  input,
}: {
  ctx: JobQueueContext;
  input: { lease: JobLease; leaseMs: number };
}): Promise<boolean> {
  return renewJobLease(ctx.db, input.lease, { leaseUntil: ctx.nowMs + input.leaseMs, atMs: ctx.nowMs });
}

/** Marks the run done; false (nothing written) when this worker no longer held the job. */
export async function completeClaimedJob({
  ctx,
  input,
}: {
  ctx: JobQueueContext;
  input: { lease: JobLease };
}): Promise<boolean> {
  return (await completeLeasedJob(ctx.db, input.lease, { atMs: ctx.nowMs })) !== undefined;
}

export type FailedJobOutcome =
  | { outcome: 'retry'; retryAtMs: number }
  | { outcome: 'dead'; reason: JobDeadReason }
  | { outcome: 'lease_lost' };

/**
 * Records a failed run. It is retried after an exponential, jittered backoff until `maxAttempts` runs
 * have failed; then, or at once when `deadReason` says retrying cannot help, it is dead-lettered.
 */
export async function failClaimedJob({
  ctx,
  input,
}: {
  ctx: JobQueueContext & { random: () => number };
  input: {
    lease: JobLease;
    error: string;
    maxAttempts: number;
    deadReason?: JobDeadReason | undefined;
    backoff?: BackoffPolicy | undefined;
  };
}): Promise<FailedJobOutcome> {
  const { lease } = input;
  const reason = input.deadReason ?? (lease.attempt >= input.maxAttempts ? 'attempts_exhausted' : undefined);
  if (reason !== undefined) {
    const row = await failLeasedJob(ctx.db, lease, {
      error: input.error,
      atMs: ctx.nowMs,
      deadReason: reason,
    });
    return row === undefined ? { outcome: 'lease_lost' } : { outcome: 'dead', reason };
  }
  const retryAtMs = ctx.nowMs + retryDelayMs(lease.attempt, ctx.random, input.backoff);
  const row = await failLeasedJob(ctx.db, lease, { error: input.error, atMs: ctx.nowMs, retryAtMs });
  return row === undefined ? { outcome: 'lease_lost' } : { outcome: 'retry', retryAtMs };
}

/** The dead-letter queue across every business, most recently failed first. */
export async function listDeadLetterJobs({
  ctx,
  input = {},
}: {
  ctx: Pick<JobQueueContext, 'db'>;
  input?: { kind?: string | undefined; limit?: number | undefined };
}): Promise<JobRow[]> {
  return listJobs(ctx.db, {
    status: 'failed',
    ...(input.kind === undefined ? {} : { kind: input.kind }),
    ...(input.limit === undefined ? {} : { limit: input.limit }),
  });
}
