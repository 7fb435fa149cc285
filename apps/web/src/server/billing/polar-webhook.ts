import {
  type PolarBilling,
  type PolarConfig,
  parsePolarEvent,
  planOfProduct,
  verifyPolarSignature,
  WebhookSignatureError,
} from '@receptionist/billing';
import { applyBillingEvent, isDomainError } from '@receptionist/domain';
import type { Logger } from 'pino';
import { ZodError } from 'zod';
import type { Database } from '../db.ts';

export interface PolarWebhookDeps {
  getDb: () => Promise<Database>;
  now: () => number;
  config: Pick<PolarConfig, 'webhookSecret' | 'products'>;
  /** Revokes the subscription of a deleted business; without it such subscriptions are only logged. */
  polar: Pick<PolarBilling, 'revokeSubscription'> | undefined;
  logger: Logger;
}

/** Polar retries webhooks, so an oversized body is refused outright rather than read. */
const MAX_BODY_BYTES = 1_000_000;

function answer(status: number, body: Record<string, unknown>): Response {
  return Response.json(body, { status, headers: { 'cache-control': 'no-store' } });
}

/**
 * `POST /api/webhooks/polar`. The signature is checked first, exactly as `validateEvent` of
 * `@polar-sh/sdk/webhooks` does (403 when bad or stale, before anything is parsed or stored); then the
 * event is applied once per webhook id, in any order (see `applyBillingEvent`). Events billing does not
 * use are acknowledged (202) and logged: Polar retrying them would change nothing.
 */
export async function handlePolarWebhook(request: Request, deps: PolarWebhookDeps): Promise<Response> {
  const secret = deps.config.webhookSecret;
  if (secret === undefined) {
    deps.logger.warn('Polar webhook received but POLAR_WEBHOOK_SECRET is not set');
    return answer(503, { error: 'billing_not_configured' });
  }
  const length = Number(request.headers.get('content-length') ?? '0');
  if (length > MAX_BODY_BYTES) return answer(413, { error: 'payload_too_large' });
  const body = await request.text();
  if (Buffer.byteLength(body) > MAX_BODY_BYTES) return answer(413, { error: 'payload_too_large' });

  let webhookId: string;
  try {
    ({ webhookId } = verifyPolarSignature({ body, headers: request.headers, secret, nowMs: deps.now() }));
  } catch (error) {
    if (!(error instanceof WebhookSignatureError)) throw error;
    deps.logger.warn({ reason: error.message }, 'Polar webhook refused: bad or stale signature');
    return answer(403, { error: 'invalid_signature' });
  }

  let payload: unknown;
  try {
    payload = JSON.parse(body);
  } catch {
    deps.logger.warn({ webhookId }, 'Polar webhook with a signed body that is not JSON');
    return answer(400, { error: 'invalid_json' });
  }
  const event = parsePolarEvent(payload);
  const log = deps.logger.child({ webhookId, type: event.type });
  if (event.kind === 'ignored') {
    log.info({ reason: event.reason }, 'Polar webhook ignored');
    return answer(202, { status: 'ignored' });
  }
  const db = await deps.getDb();
  try {
    const result = await applyBillingEvent({
      ctx: { db, nowMs: deps.now() },
      input: {
        webhookId,
        eventType: event.type,
        businessId: event.businessId,
        customerId: event.customerId,
        subscriptions:
          event.kind === 'subscription'
            ? event.subscriptions.map((subscription) => ({
                ...subscription,
                plan: planOfProduct(deps.config.products, subscription.productId) ?? null,
              }))
            : [],
      },
    });
    log.info({ ...result }, 'Polar webhook handled');
    if (result.outcome === 'business_gone') await revokeOrphans(result.subscriptionIds, deps, log);
    return answer(200, { status: result.outcome });
  } catch (error) {
    // A value billing cannot use (an unknown status, an oversized id) will not improve on retry.
    if ((isDomainError(error) && error.code === 'invalid_input') || error instanceof ZodError) {
      log.warn({ err: error.message }, 'Polar webhook with a value billing cannot use');
      return answer(202, { status: 'ignored' });
    }
    throw error;
  }
}

/** A deleted business must not go on paying: its live subscriptions are revoked in Polar. */
async function revokeOrphans(subscriptionIds: string[], deps: PolarWebhookDeps, log: Logger): Promise<void> {
  for (const id of subscriptionIds) {
    if (deps.polar === undefined) {
      log.error(
        { subscriptionId: id },
        'subscription of a deleted business: revoke it in Polar (no access token)',
      );
      continue;
    }
    try {
      await deps.polar.revokeSubscription(id);
      log.info({ subscriptionId: id }, 'revoked the subscription of a deleted business');
    } catch (error) {
      // The webhook is still acknowledged: Polar will send more events for this subscription (its
      // renewal), each of which retries the revocation.
      log.error({ subscriptionId: id, err: (error as Error).message }, 'could not revoke the subscription');
    }
  }
}
