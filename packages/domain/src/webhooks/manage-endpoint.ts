import { NotFoundError, type WebhookEndpointSummary } from '@receptionist/db';
import { z } from 'zod';
import type { TenantContext } from '../context.ts';
import { DomainError } from '../errors.ts';

export const WebhookEndpointIdInput = z.object({ endpointId: z.string().trim().min(1).max(100) });
export type WebhookEndpointIdInput = z.input<typeof WebhookEndpointIdInput>;

function notFound(error: unknown): never {
  if (error instanceof NotFoundError) {
    throw new DomainError('webhook_endpoint_not_found', 'No such webhook endpoint', { cause: error });
  }
  throw error;
}

/** Deletes an endpoint and its delivery log; retries already queued for it find nothing and stop. */
export async function deleteWebhookEndpoint({
  ctx,
  input,
}: {
  ctx: TenantContext;
  input: WebhookEndpointIdInput;
}): Promise<void> {
  const parsed = WebhookEndpointIdInput.parse(input);
  try {
    await ctx.tenant.transaction((tenant) => tenant.webhooks.deleteEndpoint(parsed.endpointId));
  } catch (error) {
    notFound(error);
  }
}

/**
 * Turns an endpoint back on after retries ran out and disabled it. Deliveries that failed meanwhile stay
 * failed; the owner redelivers the ones they want.
 */
export async function enableWebhookEndpoint({
  ctx,
  input,
}: {
  ctx: TenantContext;
  input: WebhookEndpointIdInput;
}): Promise<WebhookEndpointSummary> {
  const parsed = WebhookEndpointIdInput.parse(input);
  try {
    return await ctx.tenant.transaction((tenant) =>
      tenant.webhooks.setEndpointDisabled(parsed.endpointId, null),
    );
  } catch (error) {
    return notFound(error);
  }
}
