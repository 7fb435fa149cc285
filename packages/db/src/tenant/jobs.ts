import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { nowMs } from '../ids.ts';
import { type JobRow, type JobStatus, jobs } from '../schema/index.ts';

/** Background work for this business; workers claim it across tenants (jobs.ts, job-leases.ts). */
export function createJobsDal(ex: Executor, businessId: string) {
  return {
    async enqueue(input: { kind: string; payload: unknown; runAt?: number }): Promise<JobRow> {
      const [row] = await ex
        .insert(jobs)
        .values({
          businessId,
          kind: input.kind,
          payload: input.payload ?? null,
          runAt: input.runAt ?? nowMs(),
        })
        .returning();
      return row!;
    },

    /** Several jobs in one statement (a business event's consumers, enqueued together). */
    async enqueueMany(
      inputs: ReadonlyArray<{ kind: string; payload: unknown; runAt?: number }>,
    ): Promise<JobRow[]> {
      if (inputs.length === 0) return [];
      const defaultRunAt = nowMs();
      return ex
        .insert(jobs)
        .values(
          inputs.map((input) => ({
            businessId,
            kind: input.kind,
            payload: input.payload ?? null,
            runAt: input.runAt ?? defaultRunAt,
          })),
        )
        .returning();
    },

    async list(filters: { status?: JobStatus } = {}): Promise<JobRow[]> {
      const where =
        filters.status === undefined
          ? eq(jobs.businessId, businessId)
          : and(eq(jobs.businessId, businessId), eq(jobs.status, filters.status));
      return ex.select().from(jobs).where(where).orderBy(asc(jobs.runAt));
    },
  };
}

export type JobsDal = ReturnType<typeof createJobsDal>;
