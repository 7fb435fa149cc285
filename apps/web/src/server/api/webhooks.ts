import {
  CreateWebhookEndpointInput,
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  redeliverWebhook,
  tenantContext,
  type WebhookUrlPolicy,
} from '@receptionist/domain';
import { z } from 'zod';
import { readTenant } from '../queries/tenant.ts';
import type { WebhookDeliveryRow, WebhookEndpointSummary } from '../queries/types.ts';
import type { ApiContext, ApiHandler } from './context.ts';
import { ApiError } from './errors.ts';
import { json, readJsonBody } from './respond.ts';

/**
 * /api/v1/webhooks: endpoints (create, list, get, delete), their deliveries and redelivery. The secret is
 * returned once, by the create call; the dashboard can show it again to members.
 */

const CreateWebhookBody = CreateWebhookEndpointInput.strict();
const ListDeliveriesQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) });

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function webhookEndpointJson(endpoint: WebhookEndpointSummary) {
  return {
    id: endpoint.id,
    url: endpoint.url,
    events: endpoint.events,
    enabled: endpoint.disabledAt === null,
    disabledAt: iso(endpoint.disabledAt),
    disabledReason: endpoint.disabledReason,
    createdAt: iso(endpoint.createdAt),
  };
}

export function webhookDeliveryJson(delivery: WebhookDeliveryRow) {
  return {
    id: delivery.id,
    endpointId: delivery.endpointId,
    eventId: delivery.eventId,
    eventType: delivery.eventType,
    status: delivery.status,
    attempts: delivery.attempts,
    lastAttemptAt: iso(delivery.lastAttemptAt),
    nextAttemptAt: iso(delivery.nextAttemptAt),
    lastResponseStatus: delivery.lastResponseStatus,
    lastError: delivery.lastError,
    deliveredAt: iso(delivery.deliveredAt),
    createdAt: iso(delivery.createdAt),
  };
}

function apiActor({ db, businessId, apiKeyId }: ApiContext) {
  return tenantContext(db, businessId, { kind: 'api', apiKeyId });
}

async function ownEndpoint(context: ApiContext, webhookId: string): Promise<WebhookEndpointSummary> {
  const endpoint = await readTenant(context.db, context.businessId).webhooks.getEndpoint(webhookId);
  if (endpoint === undefined) throw new ApiError(404, 'not_found', 'No such webhook endpoint');
  return endpoint;
}

/** POST /api/v1/webhooks → 201 {id, url, events, secret}. `urlPolicy` comes from the environment. */
export function createWebhook(urlPolicy: () => WebhookUrlPolicy): ApiHandler {
  return async (request, context) => {
    const body = CreateWebhookBody.parse(await readJsonBody(request));
    const endpoint = await createWebhookEndpoint({
      ctx: { ...apiActor(context), nowMs: context.now(), urlPolicy: urlPolicy() },
      input: body,
    });
    return json({ ...webhookEndpointJson(endpoint), secret: endpoint.secret }, 201);
  };
}

export const listWebhooks: ApiHandler = async (_request, { db, businessId }) => {
  const endpoints = await readTenant(db, businessId).webhooks.listEndpoints();
  return json({ data: endpoints.map(webhookEndpointJson) });
};

export const getWebhook: ApiHandler<{ webhookId: string }> = async (_request, context, { webhookId }) =>
  json({ data: webhookEndpointJson(await ownEndpoint(context, webhookId)) });

export const deleteWebhook: ApiHandler<{ webhookId: string }> = async (_request, context, { webhookId }) => {
  await deleteWebhookEndpoint({ ctx: apiActor(context), input: { endpointId: webhookId } });
  return json({ data: { id: webhookId, deleted: true } });
};

export const listWebhookDeliveries: ApiHandler<{ webhookId: string }> = async (
  request,
  context,
  { webhookId },
) => {
  const query = ListDeliveriesQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  await ownEndpoint(context, webhookId);
  const deliveries = await readTenant(context.db, context.businessId).webhooks.listDeliveries(webhookId, {
    limit: query.limit,
  });
  return json({ data: deliveries.map(webhookDeliveryJson) });
};

/** POST …/deliveries/:deliveryId/redeliver → 202: queued now, same body and webhook-id. */
export const redeliverWebhookDelivery: ApiHandler<{ webhookId: string; deliveryId: string }> = async (
  _request,
  context,
  { webhookId, deliveryId },
) => {
  const delivery = await redeliverWebhook({
    ctx: { ...apiActor(context), nowMs: context.now() },
    input: { endpointId: webhookId, deliveryId },
  });
  return json({ data: webhookDeliveryJson(delivery) }, 202);
};
