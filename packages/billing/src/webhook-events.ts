import { z } from 'zod';

/**
 * The parts of Polar's webhook payloads billing acts on (field names as in Polar's OpenAPI document and the
 * SDK's `Webhook*Payload` models). Parsed leniently: Polar adds fields over time and we read only these.
 */
const isoMs = z.iso.datetime({ offset: true }).transform((value) => Date.parse(value));
const optionalIsoMs = isoMs.nullable().optional();

const SubscriptionFields = z.object({
  id: z.string().min(1),
  created_at: isoMs,
  modified_at: optionalIsoMs,
  status: z.string().min(1),
  current_period_start: isoMs,
  current_period_end: optionalIsoMs,
  cancel_at_period_end: z.boolean().default(false),
  product_id: z.string().min(1),
});

const CustomerRef = z.object({ id: z.string().min(1), external_id: z.string().nullable().optional() });

const SubscriptionData = SubscriptionFields.extend({ customer_id: z.string().min(1), customer: CustomerRef });

const OrderData = z.object({
  id: z.string().min(1),
  customer_id: z.string().min(1),
  customer: CustomerRef,
  subscription: SubscriptionFields.nullable().optional(),
});

const CustomerStateData = CustomerRef.extend({
  active_subscriptions: z.array(SubscriptionFields).default([]),
});

const Envelope = z.object({ type: z.string().min(1), timestamp: optionalIsoMs, data: z.unknown() });

/** A subscription's state as one event reported it. */
export interface PolarSubscriptionState {
  id: string;
  status: string;
  productId: string;
  periodStartMs: number;
  periodEndMs: number | null;
  cancelAtPeriodEnd: boolean;
  /** When Polar last changed it (`modified_at`, else `created_at`): later versions win. */
  versionAtMs: number;
  /** `subscription.revoked`: access ends now whatever the status says. */
  revoked: boolean;
}

export type PolarBillingEvent =
  | {
      kind: 'subscription';
      type: string;
      /** The customer's external id, which is our business id; null when the customer was made elsewhere. */
      businessId: string | null;
      customerId: string;
      subscriptions: PolarSubscriptionState[];
    }
  | { kind: 'customer'; type: string; businessId: string | null; customerId: string }
  | { kind: 'ignored'; type: string; reason: string };

export const SUBSCRIPTION_EVENT_TYPES = [
  'subscription.created',
  'subscription.active',
  'subscription.updated',
  'subscription.canceled',
  'subscription.uncanceled',
  'subscription.revoked',
  'subscription.past_due',
] as const;

function stateOf(fields: z.infer<typeof SubscriptionFields>, revoked: boolean): PolarSubscriptionState {
  return {
    id: fields.id,
    status: fields.status,
    productId: fields.product_id,
    periodStartMs: fields.current_period_start,
    periodEndMs: fields.current_period_end ?? null,
    cancelAtPeriodEnd: fields.cancel_at_period_end,
    versionAtMs: fields.modified_at ?? fields.created_at,
    revoked,
  };
}

function describe(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(data)'}: ${issue.message}`).join('; ');
}

/**
 * What a verified Polar webhook means for billing. Event types billing does not use, and payloads missing
 * what it needs, come back as `ignored` with the reason (the route logs and acknowledges them: Polar
 * retrying an event we cannot use would not help).
 */
export function parsePolarEvent(payload: unknown): PolarBillingEvent {
  const envelope = Envelope.safeParse(payload);
  if (!envelope.success) return { kind: 'ignored', type: 'unknown', reason: describe(envelope.error) };
  const { type, data } = envelope.data;
  if ((SUBSCRIPTION_EVENT_TYPES as readonly string[]).includes(type)) {
    const parsed = SubscriptionData.safeParse(data);
    if (!parsed.success) return { kind: 'ignored', type, reason: describe(parsed.error) };
    return {
      kind: 'subscription',
      type,
      businessId: parsed.data.customer.external_id ?? null,
      customerId: parsed.data.customer_id,
      subscriptions: [stateOf(parsed.data, type === 'subscription.revoked')],
    };
  }
  if (type === 'order.paid') {
    const parsed = OrderData.safeParse(data);
    if (!parsed.success) return { kind: 'ignored', type, reason: describe(parsed.error) };
    const subscription = parsed.data.subscription;
    const businessId = parsed.data.customer.external_id ?? null;
    if (subscription === null || subscription === undefined) {
      return { kind: 'customer', type, businessId, customerId: parsed.data.customer_id };
    }
    return {
      kind: 'subscription',
      type,
      businessId,
      customerId: parsed.data.customer_id,
      subscriptions: [stateOf(subscription, false)],
    };
  }
  if (type === 'customer.state_changed') {
    const parsed = CustomerStateData.safeParse(data);
    if (!parsed.success) return { kind: 'ignored', type, reason: describe(parsed.error) };
    const businessId = parsed.data.external_id ?? null;
    // An empty list does not downgrade anyone: the end of a subscription arrives as its own
    // `subscription.revoked`, with a version we can order; an empty state has none.
    if (parsed.data.active_subscriptions.length === 0) {
      return { kind: 'customer', type, businessId, customerId: parsed.data.id };
    }
    return {
      kind: 'subscription',
      type,
      businessId,
      customerId: parsed.data.id,
      subscriptions: parsed.data.active_subscriptions.map((subscription) => stateOf(subscription, false)),
    };
  }
  return { kind: 'ignored', type, reason: 'not an event billing uses' };
}
