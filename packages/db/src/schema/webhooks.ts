import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { businesses } from './businesses.ts';
import { createdAtColumn, idColumn } from './columns.ts';

/**
 * Outgoing webhook endpoints (Standard Webhooks): where a business's events are POSTed. `secret` is the
 * `whsec_…` signing secret, kept in clear because signing needs it (like any HMAC key).
 */
export const webhookEndpoints = sqliteTable(
  'webhook_endpoints',
  {
    id: idColumn('whe'),
    businessId: text('business_id')
      .notNull()
      .references(() => businesses.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    /** Event type names this endpoint subscribed to (BUSINESS_EVENT_TYPES in the domain). */
    events: text('events', { mode: 'json' }).$type<string[]>().notNull(),
    secret: text('secret').notNull(),
    /** Set when retries for a delivery ran out: nothing more is sent until the owner re-enables it. */
    disabledAt: integer('disabled_at'),
    disabledReason: text('disabled_reason'),
    createdAt: createdAtColumn(),
  },
  (t) => [index('webhook_endpoints_business_idx').on(t.businessId)],
);

export type WebhookEndpointRow = typeof webhookEndpoints.$inferSelect;

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/**
 * One event for one endpoint: the exact body signed and sent (so a retry or a redelivery sends the same
 * bytes with the same `webhook-id`), and how its attempts went. At most one per (endpoint, event).
 */
export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    id: idColumn('whd'),
    businessId: text('business_id')
      .notNull()
      .references(() => businesses.id, { onDelete: 'cascade' }),
    endpointId: text('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    /** The business event's id: the `webhook-id` header, the receiver's idempotency key. */
    eventId: text('event_id').notNull(),
    eventType: text('event_type').notNull(),
    body: text('body').notNull(),
    status: text('status', { enum: WEBHOOK_DELIVERY_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** Epoch ms of the first attempt of the current retry window (a redelivery starts a new one). */
    firstAttemptAt: integer('first_attempt_at'),
    lastAttemptAt: integer('last_attempt_at'),
    nextAttemptAt: integer('next_attempt_at'),
    lastResponseStatus: integer('last_response_status'),
    lastError: text('last_error'),
    deliveredAt: integer('delivered_at'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_endpoint_event_unique').on(t.endpointId, t.eventId),
    index('webhook_deliveries_endpoint_created_idx').on(t.endpointId, t.createdAt),
  ],
);

export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;
