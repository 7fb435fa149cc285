import { and, asc, eq, inArray, lt, lte, or, sql } from 'drizzle-orm';
import type { Executor } from './client.ts';
import { nowMs } from './ids.ts';
import { type JobRow, jobs } from './schema/index.ts';

// The worker's side of the jobs table. Workers serve every tenant, so these take no business id; each
// job row carries its business id and handlers must scope their work with forBusiness(job.businessId).

/** How long a claim owns a job when the caller names no lease (a worker renews well before). */
export const DEFAULT_JOB_LEASE_MS = 300_000;

/**
 * Claims up to `limit` jobs for this worker, oldest first: due queued jobs, and running jobs whose lease
 * ran out (their worker died) while they still have attempts left. One statement, so two workers (or two
 * voice servers) can never claim the same job. Each claim bumps `attempts`, which with `lockedBy` is the
 * fencing token the lease-aware writes in job-leases.ts check.
 */
export async function claimDueJobs(
  ex: Executor,
  options: {
    limit?: number;
    atMs?: number;
    kinds?: readonly string[];
    workerId?: string;
    leaseMs?: number;
    /** Expired leases are only reclaimed below this many attempts; see deadLetterAbandonedJobs. */
    maxAttempts?: number;
  } = {},
): Promise<JobRow[]> {
  const atMs = options.atMs ?? nowMs();
  const claimable = and(
    or(
      and(eq(jobs.status, 'queued'), lte(jobs.runAt, atMs)),
      and(
        eq(jobs.status, 'running'),
        lt(jobs.leaseUntil, atMs),
        options.maxAttempts === undefined ? undefined : lt(jobs.attempts, options.maxAttempts),
      ),
    ),
    options.kinds === undefined ? undefined : inArray(jobs.kind, [...options.kinds]),
  );
  const ids = ex
    .select({ id: jobs.id })
    .from(jobs)
    .where(claimable)
    .orderBy(asc(jobs.runAt))
    .limit(Math.min(Math.max(1, options.limit ?? 10), 100));
  return ex
    .update(jobs)
    .set({
      status: 'running',
      attempts: sql`${jobs.attempts} + 1`,
      lockedBy: options.workerId ?? null,
      leaseUntil: atMs + (options.leaseMs ?? DEFAULT_JOB_LEASE_MS),
      updatedAt: atMs,
    })
    .where(and(inArray(jobs.id, ids), claimable))
    .returning();
}
