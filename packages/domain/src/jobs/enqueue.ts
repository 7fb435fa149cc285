import type { JobRow } from '@receptionist/db';
import { z } from 'zod';
import type { DomainContext } from '../availability/index.ts';
import { JOB_PAYLOADS, type JobKind, JobKindSchema, type JobPayload } from './kinds.ts';

/** Enqueueing needs only the tenant and the clock, so call verbs can enqueue inside their transaction. */
export type EnqueueJobContext = Pick<DomainContext, 'tenant' | 'nowMs'>;

const EnqueueJobInput = z
  .object({
    kind: JobKindSchema,
    payload: z.unknown(),
    /** Epoch ms; defaults to now. */
    runAt: z.number().int().nonnegative().optional(),
  })
  .transform((input, check) => {
    const payload = JOB_PAYLOADS[input.kind].safeParse(input.payload);
    if (!payload.success) {
      for (const issue of payload.error.issues)
        check.addIssue({ ...issue, path: ['payload', ...issue.path] });
      return z.NEVER;
    }
    return { ...input, payload: payload.data };
  });

export type EnqueueJobInput<K extends JobKind = JobKind> = {
  [Kind in K]: { kind: Kind; payload: JobPayload<Kind>; runAt?: number | undefined };
}[K];

/** Queues several jobs for this business in one statement; each payload must fit its kind's schema. */
export async function enqueueJobs({
  ctx,
  input,
}: {
  ctx: EnqueueJobContext;
  input: ReadonlyArray<EnqueueJobInput>;
}): Promise<JobRow[]> {
  const parsed = input.map((job) => EnqueueJobInput.parse(job));
  return ctx.tenant.jobs.enqueueMany(
    parsed.map((job) => ({ kind: job.kind, payload: job.payload, runAt: job.runAt ?? ctx.nowMs })),
  );
}

/** Queues background work for this business; the payload must fit its kind's schema. */
export async function enqueueJob<K extends JobKind>({
  ctx,
  input,
}: {
  ctx: EnqueueJobContext;
  input: EnqueueJobInput<K>;
}): Promise<JobRow> {
  const parsed = EnqueueJobInput.parse(input);
  return ctx.tenant.jobs.enqueue({
    kind: parsed.kind,
    payload: parsed.payload,
    runAt: parsed.runAt ?? ctx.nowMs,
  });
}
