import { z } from 'zod';
import { BusinessEvent } from '../events/types.ts';
import { type EnqueueJobContext, enqueueJob } from '../jobs/enqueue.ts';
import { JOB_KINDS } from '../jobs/kinds.ts';

/** The JSON body every receiver gets for an event (Standard Webhooks: type, timestamp, data). */
export function webhookBody(event: BusinessEvent): string {
  return JSON.stringify({
    type: event.type,
    timestamp: new Date(event.occurredAt).toISOString(),
    data: event.data,
  });
}

/**
 * The `webhooks` consumer of business events: one delivery row and one `webhook.deliver` job per enabled
 * endpoint subscribed to the event's type, in one transaction, so each endpoint is retried on its own. A
 * repeated event (the consumer's job ran twice) finds its deliveries made and adds nothing.
 */
export async function enqueueWebhookDeliveries({
  ctx,
  input,
}: {
  ctx: EnqueueJobContext;
  input: { event: BusinessEvent };
}): Promise<{ deliveryIds: string[] }> {
  const { event } = z.object({ event: BusinessEvent }).parse(input);
  const body = webhookBody(event);
  return ctx.tenant.transaction(async (tenant) => {
    const endpoints = (await tenant.webhooks.listEnabledEndpoints()).filter((endpoint) =>
      endpoint.events.includes(event.type),
    );
    const deliveryIds: string[] = [];
    for (const endpoint of endpoints) {
      const delivery = await tenant.webhooks.createDelivery({
        endpointId: endpoint.id,
        eventId: event.id,
        eventType: event.type,
        body,
        createdAt: ctx.nowMs,
      });
      if (delivery === undefined) continue;
      await enqueueJob({
        ctx: { tenant, nowMs: ctx.nowMs },
        input: { kind: JOB_KINDS.webhookDeliver, payload: { deliveryId: delivery.id, dueAt: ctx.nowMs } },
      });
      deliveryIds.push(delivery.id);
    }
    return { deliveryIds };
  });
}
