import type { WebhookEndpointRow } from '@receptionist/db';
import { z } from 'zod';
import type { TenantContext } from '../context.ts';
import { WebhookEventTypes } from './events.ts';
import { generateWebhookSecret } from './secret.ts';
import { parseWebhookUrl, resolveWebhookTarget, type WebhookUrlPolicy } from './url-policy.ts';

export const CreateWebhookEndpointInput = z.object({
  url: z.string().trim().min(1).max(2_000),
  events: WebhookEventTypes,
});
export type CreateWebhookEndpointInput = z.input<typeof CreateWebhookEndpointInput>;

export interface WebhookContext extends TenantContext {
  nowMs: number;
  urlPolicy: WebhookUrlPolicy;
}

/**
 * Registers a receiver for some of the business's events. The URL is resolved and refused if it points
 * inside (see url-policy.ts); the returned row carries the signing secret, which the owner must copy.
 */
export async function createWebhookEndpoint({
  ctx,
  input,
}: {
  ctx: WebhookContext;
  input: CreateWebhookEndpointInput;
}): Promise<WebhookEndpointRow> {
  const parsed = CreateWebhookEndpointInput.parse(input);
  const url = parseWebhookUrl(parsed.url);
  // DNS before the transaction: never hold the write lock across the network.
  await resolveWebhookTarget(url, ctx.urlPolicy);
  return ctx.tenant.transaction((tenant) =>
    tenant.webhooks.createEndpoint({
      url: url.toString(),
      events: parsed.events,
      secret: generateWebhookSecret(),
      createdAt: ctx.nowMs,
    }),
  );
}
