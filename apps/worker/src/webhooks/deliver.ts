import {
  DomainError,
  parseWebhookUrl,
  type ResolveHost,
  readWebhookSendPlan,
  recordWebhookAttempt,
  resolveWebhookTarget,
  signWebhook,
  tenantContext,
  type WebhookRetryPolicy,
  type WebhookSendPlan,
} from '@receptionist/domain';
import type { JobHandler } from '../handlers/registry.ts';
import { type PostOutcome, postWebhook } from './post.ts';

/** How this worker sends webhooks (WEBHOOK_* settings; `resolve` and `retryPolicy` for tests). */
export interface WebhookSettings {
  allowPrivateUrls: boolean;
  timeoutMs: number;
  resolve?: ResolveHost | undefined;
  retryPolicy?: WebhookRetryPolicy | undefined;
}

export const DEFAULT_WEBHOOK_SETTINGS: WebhookSettings = { allowPrivateUrls: false, timeoutMs: 10_000 };

const USER_AGENT = 'ai-receptionist-webhooks/1';

/** One attempt: check the URL again (DNS may have changed since creation), sign, POST to the checked address. */
async function attempt(
  plan: WebhookSendPlan,
  settings: WebhookSettings,
  nowMs: number,
  signal: AbortSignal,
): Promise<PostOutcome> {
  let addresses: Awaited<ReturnType<typeof resolveWebhookTarget>>;
  let url: URL;
  try {
    url = parseWebhookUrl(plan.endpoint.url);
    addresses = await resolveWebhookTarget(url, {
      allowPrivate: settings.allowPrivateUrls,
      resolve: settings.resolve,
    });
  } catch (error) {
    if (error instanceof DomainError) return { ok: false, error: `refused: ${error.message}` };
    throw error;
  }
  const id = plan.delivery.eventId;
  const timestampSeconds = Math.floor(nowMs / 1000);
  const body = plan.delivery.body;
  return postWebhook({
    url,
    addresses,
    body,
    timeoutMs: settings.timeoutMs,
    signal,
    headers: {
      'content-type': 'application/json',
      'user-agent': USER_AGENT,
      'webhook-id': id,
      'webhook-timestamp': String(timestampSeconds),
      'webhook-signature': signWebhook({ secret: plan.endpoint.secret, id, timestampSeconds, body }),
    },
  });
}

/**
 * `webhook.deliver`: one attempt at one delivery. A receiver's failure is not the job's: it is recorded
 * and the next attempt queued by the domain (24 h of backoff, then the endpoint is disabled), and this job
 * completes. Only our own faults (the database) throw, so the worker retries the attempt.
 */
export function webhookDeliverHandler(settings: WebhookSettings): JobHandler<'webhook.deliver'> {
  return async ({ job, payload, db, now, logger, signal }) => {
    const found = await readWebhookSendPlan({
      ctx: { db },
      input: { businessId: job.businessId, ...payload },
    });
    if ('skip' in found) {
      logger.info({ deliveryId: payload.deliveryId, reason: found.skip }, 'webhook delivery skipped');
      return;
    }
    const startedAtMs = now();
    const outcome = await attempt(found.plan, settings, startedAtMs, signal);
    // Another worker owns the job now; it will make the attempt that counts.
    signal.throwIfAborted();
    const { tenant } = tenantContext(db, job.businessId, { kind: 'system' });
    const result = await recordWebhookAttempt({
      ctx: { tenant, nowMs: now(), retryPolicy: settings.retryPolicy },
      input: {
        deliveryId: payload.deliveryId,
        ok: outcome.ok,
        responseStatus: outcome.status,
        error: outcome.error?.slice(0, 1_000),
      },
    });
    const facts = {
      deliveryId: payload.deliveryId,
      endpointId: found.plan.endpoint.id,
      eventId: found.plan.delivery.eventId,
      status: outcome.status,
      error: outcome.error,
      result: result.kind,
    };
    if (result.kind === 'gave_up') logger.warn(facts, 'webhook retries exhausted; endpoint disabled');
    else if (result.kind === 'retry')
      logger.info({ ...facts, nextAttemptAt: result.nextAttemptAt }, 'webhook attempt failed');
    else logger.info(facts, 'webhook attempt recorded');
  };
}
