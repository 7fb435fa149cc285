import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { businesses } from './businesses.ts';
import { calls } from './calls.ts';
import { createdAtColumn, updatedAtColumn } from './columns.ts';

/** The plans a business can be on (the domain's catalogue gives each its included minutes). */
export const BILLING_PLANS = ['trial', 'starter', 'pro'] as const;
export type BillingPlan = (typeof BILLING_PLANS)[number];

/** Polar's subscription statuses, plus `trialing` for a business that never subscribed. */
export const BILLING_STATUSES = [
  'trialing',
  'incomplete',
  'incomplete_expired',
  'active',
  'past_due',
  'canceled',
  'unpaid',
  'revoked',
] as const;
export type BillingStatus = (typeof BILLING_STATUSES)[number];

/** What calls past the plan's included minutes get. */
export const OVERAGE_BEHAVIOURS = ['bill_overage', 'take_message'] as const;
export type OverageBehaviour = (typeof OVERAGE_BEHAVIOURS)[number];

/**
 * One business's billing state, as Polar's webhooks last told it. A business without a row is on the trial
 * (the domain derives that), so existing businesses need no backfill.
 */
export const billingAccounts = sqliteTable('billing_accounts', {
  businessId: text('business_id')
    .primaryKey()
    .references(() => businesses.id, { onDelete: 'cascade' }),
  plan: text('plan', { enum: BILLING_PLANS }).notNull().default('trial'),
  status: text('status', { enum: BILLING_STATUSES }).notNull().default('trialing'),
  polarCustomerId: text('polar_customer_id'),
  polarSubscriptionId: text('polar_subscription_id'),
  polarProductId: text('polar_product_id'),
  /** Epoch ms of the current billing period (null on the trial: its allowance has no end). */
  periodStart: integer('period_start'),
  periodEnd: integer('period_end'),
  cancelAtPeriodEnd: integer('cancel_at_period_end', { mode: 'boolean' }).notNull().default(false),
  /**
   * Epoch ms of the subscription state applied last (Polar's `modified_at`, else `created_at`): an older
   * webhook arriving late never overwrites a newer state.
   */
  subscriptionVersionAt: integer('subscription_version_at'),
  overageBehaviour: text('overage_behaviour', { enum: OVERAGE_BEHAVIOURS }).notNull().default('take_message'),
  /** The period (its start, 0 for the trial) whose 80 % / 100 % emails were already sent. */
  warned80PeriodStart: integer('warned_80_period_start'),
  warned100PeriodStart: integer('warned_100_period_start'),
  createdAt: createdAtColumn(),
  updatedAt: updatedAtColumn(),
});
export type BillingAccountRow = typeof billingAccounts.$inferSelect;

/**
 * Billable time of one ended call, written once (unique per call). `meteredAt` is set when Polar accepted
 * the meter event; until then the worker keeps sending it (Polar deduplicates by the call id).
 */
export const callUsage = sqliteTable(
  'call_usage',
  {
    callId: text('call_id')
      .primaryKey()
      .references(() => calls.id, { onDelete: 'cascade' }),
    businessId: text('business_id')
      .notNull()
      .references(() => businesses.id, { onDelete: 'cascade' }),
    /** When the call started (epoch ms): which period and which chart bar it counts in. */
    startedAt: integer('started_at').notNull(),
    billableSeconds: integer('billable_seconds').notNull(),
    /** Whether Polar should be sent this call: only calls of a paid subscription are (trial ones are free). */
    metered: integer('metered', { mode: 'boolean' }).notNull().default(true),
    meteredAt: integer('metered_at'),
    createdAt: createdAtColumn(),
  },
  (t) => [
    index('call_usage_business_started_idx').on(t.businessId, t.startedAt),
    index('call_usage_unmetered_idx').on(t.businessId, t.metered, t.meteredAt),
  ],
);
export type CallUsageRow = typeof callUsage.$inferSelect;

/** Polar webhook ids already applied: a replay (same `webhook-id`) changes nothing. Not tenant-owned. */
export const polarWebhookReceipts = sqliteTable('polar_webhook_receipts', {
  webhookId: text('webhook_id').primaryKey(),
  eventType: text('event_type').notNull(),
  receivedAt: integer('received_at').notNull(),
});
