import type { WebhookDeliveryRow } from '@receptionist/db';
import { z } from 'zod';
import type { TenantContext } from '../context.ts';
import { DomainError } from '../errors.ts';
import { enqueueJob } from '../jobs/enqueue.ts';
import { JOB_KINDS } from '../jobs/kinds.ts';

export const RedeliverWebhookInput = z.object({
  endpointId: z.string().trim().min(1).max(100),
  deliveryId: z.string().trim().min(1).max(100),
});
export type RedeliverWebhookInput = z.input<typeof RedeliverWebhookInput>;

/**
 * Sends a delivery again, now, with the same body and `webhook-id` (receivers dedupe by it), starting a
 * fresh 24-hour retry window. A delivery still being retried is refused: it is already on its way.
 */
export async function redeliverWebhook({
  ctx,
  input,
}: {
  ctx: TenantContext & { nowMs: number };
  input: RedeliverWebhookInput;
}): Promise<WebhookDeliveryRow> {
  const parsed = RedeliverWebhookInput.parse(input);
  return ctx.tenant.transaction(async (tenant) => {
    const endpoint = await tenant.webhooks.getEndpointSummary(parsed.endpointId);
    if (endpoint === undefined) {
      throw new DomainError('webhook_endpoint_not_found', 'No such webhook endpoint');
    }
    const current = await tenant.webhooks.getDelivery(parsed.deliveryId);
    if (current === undefined || current.endpointId !== endpoint.id) {
      throw new DomainError('webhook_delivery_not_found', 'No such webhook delivery');
    }
    if (endpoint.disabledAt !== null) {
      throw new DomainError(
        'webhook_endpoint_disabled',
        'This endpoint is disabled; enable it before redelivering.',
      );
    }
    if (current.status === 'pending') {
      throw new DomainError('webhook_delivery_pending', 'This delivery is still being attempted.');
    }
    const delivery = await tenant.webhooks.updateDelivery(current.id, {
      status: 'pending',
      attempts: current.attempts,
      firstAttemptAt: null,
      lastAttemptAt: current.lastAttemptAt,
      nextAttemptAt: ctx.nowMs,
      lastResponseStatus: current.lastResponseStatus,
      lastError: current.lastError,
      deliveredAt: current.deliveredAt,
    });
    await enqueueJob({
      ctx: { tenant, nowMs: ctx.nowMs },
      input: { kind: JOB_KINDS.webhookDeliver, payload: { deliveryId: current.id, dueAt: ctx.nowMs } },
    });
    return delivery;
  });
}
