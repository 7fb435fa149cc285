import {
  BILLING_PLANS,
  BILLING_STATUSES,
  type BillingStatus,
  claimPolarWebhook,
  type Executor,
  forBusiness,
  getBusiness,
} from '@receptionist/db';
import { z } from 'zod';
import { DomainError } from '../errors.ts';

const SubscriptionState = z.object({
  id: z.string().min(1).max(200),
  /** Polar's status; `revoked` marks a `subscription.revoked` event. */
  status: z.string().min(1).max(50),
  revoked: z.boolean().default(false),
  /** The plan its product sells, or null for a product we do not sell (the event is ignored). */
  plan: z.enum(BILLING_PLANS).exclude(['trial']).nullable(),
  productId: z.string().min(1).max(200),
  periodStartMs: z.number().int().nonnegative(),
  periodEndMs: z.number().int().nonnegative().nullable(),
  cancelAtPeriodEnd: z.boolean(),
  versionAtMs: z.number().int().nonnegative(),
});

export const ApplyBillingEventInput = z.object({
  /** The delivery's `webhook-id`: applying the same one twice changes nothing. */
  webhookId: z.string().min(1).max(200),
  eventType: z.string().min(1).max(100),
  /** The customer's external id (our business id); null for a customer created outside this product. */
  businessId: z.string().min(1).max(100).nullable(),
  customerId: z.string().min(1).max(200),
  /** Empty for events that only tell us who the customer is. */
  subscriptions: z.array(SubscriptionState).max(20).default([]),
});
export type ApplyBillingEventInput = z.input<typeof ApplyBillingEventInput>;

export type ApplyBillingEventResult =
  | { outcome: 'applied'; businessId: string; plan: string; status: BillingStatus }
  | { outcome: 'customer_linked'; businessId: string }
  /** The webhook id was applied before (a retry or a replay). */
  | { outcome: 'duplicate' }
  /** Older than the state we hold (webhooks arrive in any order): nothing changed. */
  | { outcome: 'stale'; businessId: string }
  /** The business was deleted; its subscription should be revoked in Polar. */
  | { outcome: 'business_gone'; businessId: string; subscriptionIds: string[] }
  | { outcome: 'ignored'; reason: string };

const ENTITLED: ReadonlySet<string> = new Set(['trialing', 'active', 'past_due']);

function statusOf(state: z.infer<typeof SubscriptionState>): BillingStatus {
  if (state.revoked) return 'revoked';
  const known = (BILLING_STATUSES as readonly string[]).includes(state.status);
  if (!known) throw new DomainError('invalid_input', `Unknown subscription status ${state.status}.`);
  return state.status as BillingStatus;
}

/**
 * Applies what Polar reported about a business's subscription: its plan, status and period. Idempotent by
 * webhook id (claimed in the same transaction as the change) and order-independent: a subscription state
 * older than the one held (Polar's `modified_at`) is ignored, and the end of an older subscription never
 * ends a newer one.
 */
export async function applyBillingEvent({
  ctx,
  input,
}: {
  ctx: { db: Executor; nowMs: number };
  input: ApplyBillingEventInput;
}): Promise<ApplyBillingEventResult> {
  const parsed = ApplyBillingEventInput.parse(input);
  return ctx.db.transaction(async (tx) => {
    const fresh = await claimPolarWebhook(tx, {
      webhookId: parsed.webhookId,
      eventType: parsed.eventType,
      receivedAt: ctx.nowMs,
    });
    if (!fresh) return { outcome: 'duplicate' };
    if (parsed.businessId === null) return { outcome: 'ignored', reason: 'customer_without_external_id' };
    const businessId = parsed.businessId;
    if ((await getBusiness(tx, businessId)) === undefined) {
      const live = parsed.subscriptions.filter((state) => !state.revoked && ENTITLED.has(state.status));
      return { outcome: 'business_gone', businessId, subscriptionIds: live.map((state) => state.id) };
    }
    const tenant = forBusiness(tx, businessId);
    const ours = parsed.subscriptions.filter((state) => state.plan !== null);
    if (parsed.subscriptions.length > 0 && ours.length === 0) {
      return { outcome: 'ignored', reason: 'product_not_sold_here' };
    }
    if (ours.length === 0) {
      await tenant.billing.upsertAccount({ polarCustomerId: parsed.customerId });
      return { outcome: 'customer_linked', businessId };
    }
    // Several active subscriptions (customer state): the most recently changed one is the plan.
    const latest = ours.reduce((a, b) => (b.versionAtMs > a.versionAtMs ? b : a));
    const status = statusOf(latest);
    const account = await tenant.billing.getAccount();
    const heldVersion = account?.subscriptionVersionAt ?? null;
    if (heldVersion !== null && latest.versionAtMs < heldVersion) return { outcome: 'stale', businessId };
    const endsAnOlderOne =
      account?.polarSubscriptionId != null &&
      account.polarSubscriptionId !== latest.id &&
      ENTITLED.has(account.status) &&
      !ENTITLED.has(status);
    if (endsAnOlderOne) return { outcome: 'stale', businessId };
    const plan = latest.plan ?? 'starter';
    await tenant.billing.upsertAccount({
      plan,
      status,
      polarCustomerId: parsed.customerId,
      polarSubscriptionId: latest.id,
      polarProductId: latest.productId,
      periodStart: latest.periodStartMs,
      periodEnd: latest.periodEndMs,
      cancelAtPeriodEnd: latest.cancelAtPeriodEnd,
      subscriptionVersionAt: latest.versionAtMs,
    });
    return { outcome: 'applied', businessId, plan, status };
  });
}
