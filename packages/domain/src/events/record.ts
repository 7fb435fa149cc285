import { randomUUID } from 'node:crypto';
import type { EnqueueJobContext, EnqueueJobInput } from '../jobs/enqueue.ts';
import { enqueueJobs } from '../jobs/enqueue.ts';
import { JOB_KINDS } from '../jobs/kinds.ts';
import { type BusinessEvent, type BusinessEventType, consumerTakes, EVENT_CONSUMERS } from './types.ts';

/**
 * The transactional outbox: records that something happened by enqueueing one `business.event` job per
 * consumer, in the caller's transaction. If the verb rolls back, no one hears about it; if it commits,
 * every consumer will, at least once, with the same event id to deduplicate by.
 */
export async function recordBusinessEvent({
  ctx,
  input,
}: {
  ctx: EnqueueJobContext;
  input: BusinessEventInput;
}): Promise<BusinessEvent> {
  const { event, jobs } = businessEventJobs(ctx, input);
  // One job per consumer, in one statement (this runs at the end of every call).
  await enqueueJobs({ ctx, input: jobs });
  return event;
}

export interface BusinessEventInput {
  type: BusinessEventType;
  data: Record<string, unknown>;
  consumers?: readonly string[];
}

/**
 * The event and its consumers' jobs, not yet enqueued: for a verb that enqueues them in one statement
 * with jobs of its own (a call's end). They must still go into the verb's transaction.
 */
export function businessEventJobs(
  ctx: EnqueueJobContext,
  input: BusinessEventInput,
): { event: BusinessEvent; jobs: EnqueueJobInput[] } {
  const event: BusinessEvent = {
    id: `evt_${randomUUID()}`,
    type: input.type,
    businessId: ctx.tenant.businessId,
    occurredAt: ctx.nowMs,
    data: input.data,
  };
  const consumers = (input.consumers ?? EVENT_CONSUMERS).filter((consumer) =>
    consumerTakes(consumer, input.type),
  );
  return {
    event,
    jobs: consumers.map((consumer) => ({ kind: JOB_KINDS.businessEvent, payload: { consumer, event } })),
  };
}
