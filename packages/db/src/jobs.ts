import { and, asc, eq, inArray, lt, lte, sql } from 'drizzle-orm';
import type { Executor } from './client.ts';
import { NotFoundError } from './errors.ts';
import { nowMs } from './ids.ts';
import { type JobRow, jobs } from './schema/index.ts';

// The worker's side of the jobs table. Workers serve every tenant, so these take no business id; each
// job row carries its business id and handlers must scope their work with forBusiness(job.businessId).

/**
 * Claims up to `limit` due jobs for this worker, oldest first. One statement, so two workers (or two
 * voice servers) can never claim the same job.
 */
export async function claimDueJobs(
  ex: Executor,
  options: { limit?: number; atMs?: number; kinds?: readonly string[] } = {},
): Promise<JobRow[]> {
  const atMs = options.atMs ?? nowMs();
  const due = and(
    eq(jobs.status, 'queued'),
    lte(jobs.runAt, atMs),
    options.kinds === undefined ? undefined : inArray(jobs.kind, [...options.kinds]),
  );
  const ids = ex
    .select({ id: jobs.id })
    .from(jobs)
    .where(due)
    .orderBy(asc(jobs.runAt))
    .limit(Math.min(Math.max(1, options.limit ?? 10), 100));
  return ex
    .update(jobs)
    .set({ status: 'running', attempts: sql`${jobs.attempts} + 1`, updatedAt: atMs })
    .where(and(inArray(jobs.id, ids), eq(jobs.status, 'queued')))
    .returning();
}

export async function completeJob(ex: Executor, jobId: string): Promise<JobRow> {
  const [row] = await ex
    .update(jobs)
    .set({ status: 'done', lastError: null })
    .where(eq(jobs.id, jobId))
    .returning();
  if (row === undefined) throw new NotFoundError('job', jobId);
  return row;
}

/**
 * Records a failed attempt: the job runs again at `retryAtMs` (default: exponential backoff from 30 s)
 * until it has been tried `maxAttempts` times, then it stays `failed`.
 */
export async function failJob(
  ex: Executor,
  jobId: string,
  options: { error: string; maxAttempts?: number; retryAtMs?: number; atMs?: number },
): Promise<JobRow> {
  const [current] = await ex.select().from(jobs).where(eq(jobs.id, jobId)).limit(1);
  if (current === undefined) throw new NotFoundError('job', jobId);
  const atMs = options.atMs ?? nowMs();
  const exhausted = current.attempts >= (options.maxAttempts ?? 5);
  const backoffMs = 30_000 * 2 ** Math.max(0, current.attempts - 1);
  const [row] = await ex
    .update(jobs)
    .set({
      status: exhausted ? 'failed' : 'queued',
      runAt: exhausted ? current.runAt : (options.retryAtMs ?? atMs + backoffMs),
      lastError: options.error.slice(0, 2_000),
    })
    .where(eq(jobs.id, jobId))
    .returning();
  return row!;
}

/** After a crash: jobs left `running` since before `olderThanMs` go back to the queue. */
export async function requeueStuckJobs(ex: Executor, olderThanMs: number): Promise<number> {
  const rows = await ex
    .update(jobs)
    .set({ status: 'queued' })
    .where(and(eq(jobs.status, 'running'), lt(jobs.updatedAt, olderThanMs)))
    .returning({ id: jobs.id });
  return rows.length;
}
