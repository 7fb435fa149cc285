import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { NotFoundError } from '../errors.ts';
import {
  type WebhookDeliveryRow,
  type WebhookDeliveryStatus,
  type WebhookEndpointRow,
  webhookDeliveries,
  webhookEndpoints,
} from '../schema/index.ts';

/** An endpoint as lists and the REST API show it: never the signing secret. */
export type WebhookEndpointSummary = Omit<WebhookEndpointRow, 'secret'>;

function summary({ secret: _secret, ...rest }: WebhookEndpointRow): WebhookEndpointSummary {
  return rest;
}

/** What an attempt changed on a delivery. */
export interface WebhookAttemptPatch {
  status: WebhookDeliveryStatus;
  attempts: number;
  firstAttemptAt: number | null;
  lastAttemptAt: number | null;
  nextAttemptAt: number | null;
  lastResponseStatus: number | null;
  lastError: string | null;
  deliveredAt: number | null;
}

/** The business's outgoing webhook endpoints and their deliveries. */
export function createWebhooksDal(ex: Executor, businessId: string) {
  const ownEndpoint = (id: string) =>
    and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.businessId, businessId));
  const ownDelivery = (id: string) =>
    and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.businessId, businessId));

  return {
    async createEndpoint(input: {
      url: string;
      events: string[];
      secret: string;
      createdAt: number;
    }): Promise<WebhookEndpointRow> {
      const [row] = await ex
        .insert(webhookEndpoints)
        .values({ businessId, ...input })
        .returning();
      return row!;
    },

    /** With its secret: for signing and for showing it to the owner. */
    async getEndpoint(endpointId: string): Promise<WebhookEndpointRow | undefined> {
      const [row] = await ex.select().from(webhookEndpoints).where(ownEndpoint(endpointId)).limit(1);
      return row;
    },

    async getEndpointSummary(endpointId: string): Promise<WebhookEndpointSummary | undefined> {
      const [row] = await ex.select().from(webhookEndpoints).where(ownEndpoint(endpointId)).limit(1);
      return row === undefined ? undefined : summary(row);
    },

    /** Oldest first, secrets left out. */
    async listEndpoints(): Promise<WebhookEndpointSummary[]> {
      const rows = await ex
        .select()
        .from(webhookEndpoints)
        .where(eq(webhookEndpoints.businessId, businessId))
        .orderBy(webhookEndpoints.createdAt, webhookEndpoints.id);
      return rows.map(summary);
    },

    /** Enabled endpoints only: the ones events fan out to. */
    async listEnabledEndpoints(): Promise<WebhookEndpointSummary[]> {
      const rows = await ex
        .select()
        .from(webhookEndpoints)
        .where(and(eq(webhookEndpoints.businessId, businessId), isNull(webhookEndpoints.disabledAt)));
      return rows.map(summary);
    },

    async deleteEndpoint(endpointId: string): Promise<void> {
      const deleted = await ex
        .delete(webhookEndpoints)
        .where(ownEndpoint(endpointId))
        .returning({ id: webhookEndpoints.id });
      if (deleted.length === 0) throw new NotFoundError('webhook endpoint', endpointId);
    },

    async setEndpointDisabled(
      endpointId: string,
      disabled: { at: number; reason: string } | null,
    ): Promise<WebhookEndpointSummary> {
      const [row] = await ex
        .update(webhookEndpoints)
        .set({ disabledAt: disabled?.at ?? null, disabledReason: disabled?.reason ?? null })
        .where(ownEndpoint(endpointId))
        .returning();
      if (row === undefined) throw new NotFoundError('webhook endpoint', endpointId);
      return summary(row);
    },

    /** One delivery per (endpoint, event): undefined when this event already has one (a repeated event). */
    async createDelivery(input: {
      endpointId: string;
      eventId: string;
      eventType: string;
      body: string;
      createdAt: number;
    }): Promise<WebhookDeliveryRow | undefined> {
      const [row] = await ex
        .insert(webhookDeliveries)
        .values({ businessId, ...input, nextAttemptAt: input.createdAt })
        .onConflictDoNothing()
        .returning();
      return row;
    },

    async getDelivery(deliveryId: string): Promise<WebhookDeliveryRow | undefined> {
      const [row] = await ex.select().from(webhookDeliveries).where(ownDelivery(deliveryId)).limit(1);
      return row;
    },

    /** Newest first. */
    async listDeliveries(
      endpointId: string,
      options: { limit?: number } = {},
    ): Promise<WebhookDeliveryRow[]> {
      return ex
        .select()
        .from(webhookDeliveries)
        .where(
          and(eq(webhookDeliveries.businessId, businessId), eq(webhookDeliveries.endpointId, endpointId)),
        )
        .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
        .limit(Math.min(Math.max(1, options.limit ?? 50), 500));
    },

    async updateDelivery(deliveryId: string, patch: WebhookAttemptPatch): Promise<WebhookDeliveryRow> {
      const [row] = await ex.update(webhookDeliveries).set(patch).where(ownDelivery(deliveryId)).returning();
      if (row === undefined) throw new NotFoundError('webhook delivery', deliveryId);
      return row;
    },
  };
}

export type WebhooksDal = ReturnType<typeof createWebhooksDal>;
