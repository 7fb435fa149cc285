import type { WebhookDeliveryRow } from '@receptionist/db';
import { z } from 'zod';
import { recordBusinessEvent } from '../events/record.ts';
import { EVENT_CONSUMERS } from '../events/types.ts';
import type { EnqueueJobContext } from '../jobs/enqueue.ts';
import { enqueueJob } from '../jobs/enqueue.ts';
import { JOB_KINDS } from '../jobs/kinds.ts';
import {
  DEFAULT_WEBHOOK_RETRY_POLICY,
  nextWebhookAttemptAt,
  type WebhookRetryPolicy,
} from './retry-policy.ts';

export const RecordWebhookAttemptInput = z.object({
  deliveryId: z.string().min(1).max(100),
  /** A 2xx answer; anything else (another status, a timeout, a refused URL) is a failure. */
  ok: z.boolean(),
  responseStatus: z.number().int().min(100).max(599).optional(),
  error: z.string().max(1_000).optional(),
});
export type RecordWebhookAttemptInput = z.input<typeof RecordWebhookAttemptInput>;

export type WebhookAttemptResult =
  | { kind: 'gone' }
  | { kind: 'delivered'; delivery: WebhookDeliveryRow }
  | { kind: 'retry'; delivery: WebhookDeliveryRow; nextAttemptAt: number }
  | { kind: 'gave_up'; delivery: WebhookDeliveryRow };

/**
 * Records how one attempt went, in one transaction with what follows from it: a failure schedules the
 * next attempt (a new `webhook.deliver` job) or, once the retry window is over, fails the delivery and
 * disables its endpoint — `disabled_at`/`disabled_reason` are how the owner is told (dashboard, and the
 * notifications consumer may read them).
 */
export async function recordWebhookAttempt({
  ctx,
  input,
}: {
  ctx: EnqueueJobContext & { retryPolicy?: WebhookRetryPolicy | undefined };
  input: RecordWebhookAttemptInput;
}): Promise<WebhookAttemptResult> {
  const parsed = RecordWebhookAttemptInput.parse(input);
  const policy = ctx.retryPolicy ?? DEFAULT_WEBHOOK_RETRY_POLICY;
  return ctx.tenant.transaction(async (tenant) => {
    const current = await tenant.webhooks.getDelivery(parsed.deliveryId);
    if (current === undefined) return { kind: 'gone' };
    const attempts = current.attempts + 1;
    const firstAttemptAt = current.firstAttemptAt ?? ctx.nowMs;
    const base = {
      attempts,
      firstAttemptAt,
      lastAttemptAt: ctx.nowMs,
      lastResponseStatus: parsed.responseStatus ?? null,
      lastError: parsed.ok ? null : (parsed.error ?? `HTTP ${parsed.responseStatus ?? '?'}`),
    };
    if (parsed.ok) {
      const delivery = await tenant.webhooks.updateDelivery(current.id, {
        ...base,
        status: 'succeeded',
        nextAttemptAt: null,
        deliveredAt: ctx.nowMs,
      });
      return { kind: 'delivered', delivery };
    }
    const nextAttemptAt = nextWebhookAttemptAt(
      { attempts, firstAttemptAtMs: firstAttemptAt, nowMs: ctx.nowMs },
      policy,
    );
    if (nextAttemptAt === undefined) {
      const delivery = await tenant.webhooks.updateDelivery(current.id, {
        ...base,
        status: 'failed',
        nextAttemptAt: null,
        deliveredAt: null,
      });
      const hours = Math.round(policy.giveUpAfterMs / 3_600_000);
      const reason = `Every attempt to deliver ${current.eventType} failed for ${hours} hours (${attempts} attempts; last: ${base.lastError}).`;
      const endpoint = await tenant.webhooks.setEndpointDisabled(current.endpointId, {
        at: ctx.nowMs,
        reason,
      });
      // The owner hears of it from the notifications consumer (the other webhooks need not).
      await recordBusinessEvent({
        ctx: { tenant, nowMs: ctx.nowMs },
        input: {
          type: 'webhook.disabled',
          data: { endpointId: endpoint.id, url: endpoint.url, reason },
          consumers: EVENT_CONSUMERS.filter((consumer) => consumer === 'notifications'),
        },
      });
      return { kind: 'gave_up', delivery };
    }
    const delivery = await tenant.webhooks.updateDelivery(current.id, {
      ...base,
      status: 'pending',
      nextAttemptAt,
      deliveredAt: null,
    });
    await enqueueJob({
      ctx: { tenant, nowMs: ctx.nowMs },
      input: {
        kind: JOB_KINDS.webhookDeliver,
        payload: { deliveryId: current.id, dueAt: nextAttemptAt },
        runAt: nextAttemptAt,
      },
    });
    return { kind: 'retry', delivery, nextAttemptAt };
  });
}
