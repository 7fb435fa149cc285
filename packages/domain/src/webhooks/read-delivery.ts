import { type Executor, forBusiness, type WebhookDeliveryRow } from '@receptionist/db';

/** What the worker needs to send one attempt: the delivery, and its endpoint's URL and secret. */
export interface WebhookSendPlan {
  delivery: WebhookDeliveryRow;
  endpoint: { id: string; url: string; secret: string };
}

/**
 * The delivery a `webhook.deliver` job is about, if that job is still the one to send it: undefined when
 * the endpoint or delivery is gone, the endpoint is disabled, the delivery is settled, or it has been
 * rescheduled since the job was queued (`dueAt` no longer matches).
 */
export async function readWebhookSendPlan({
  ctx,
  input,
}: {
  ctx: { db: Executor };
  input: { businessId: string; deliveryId: string; dueAt: number };
}): Promise<{ plan: WebhookSendPlan } | { skip: string }> {
  const webhooks = forBusiness(ctx.db, input.businessId).webhooks;
  const delivery = await webhooks.getDelivery(input.deliveryId);
  if (delivery === undefined) return { skip: 'the delivery no longer exists' };
  if (delivery.status !== 'pending') return { skip: `the delivery is already ${delivery.status}` };
  if (delivery.nextAttemptAt !== input.dueAt) return { skip: 'the delivery was rescheduled since' };
  const endpoint = await webhooks.getEndpoint(delivery.endpointId);
  if (endpoint === undefined) return { skip: 'the endpoint no longer exists' };
  if (endpoint.disabledAt !== null) return { skip: 'the endpoint is disabled' };
  return { plan: { delivery, endpoint: { id: endpoint.id, url: endpoint.url, secret: endpoint.secret } } };
}
