import { randomUUID } from 'node:crypto';
import type { EnqueueJobContext } from '../jobs/enqueue.ts';
import { enqueueJob } from '../jobs/enqueue.ts';
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
  input: { type: BusinessEventType; data: Record<string, unknown>; consumers?: readonly string[] };
}): Promise<BusinessEvent> {
  const event: BusinessEvent = {
    id: `evt_${randomUUID()}`,
    type: input.type,
    businessId: ctx.tenant.businessId,
    occurredAt: ctx.nowMs,
    data: input.data,
  };
  for (const consumer of input.consumers ?? EVENT_CONSUMERS) {
    if (!consumerTakes(consumer, input.type)) continue;
    await enqueueJob({ ctx, input: { kind: JOB_KINDS.businessEvent, payload: { consumer, event } } });
  }
  return event;
}
