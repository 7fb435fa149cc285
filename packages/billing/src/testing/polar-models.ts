/**
 * Polar API objects as the wire carries them (snake_case), with every field Polar's OpenAPI document marks
 * required, so `@polar-sh/sdk` parses them as it parses Polar's own answers. The fake Polar server builds
 * its responses and webhook payloads from these.
 */

export const FAKE_ORGANIZATION_ID = '6f4a1c2e-0000-4000-8000-00000000a001';

export interface FakeCustomer {
  id: string;
  externalId: string;
  email: string;
  name: string | null;
  createdAtMs: number;
}

export interface FakeProduct {
  id: string;
  name: string;
  /** Monthly price in cents. */
  priceAmount: number;
}

export interface FakeSubscription {
  id: string;
  status: 'incomplete' | 'active' | 'past_due' | 'canceled' | 'unpaid' | 'trialing' | 'incomplete_expired';
  customer: FakeCustomer;
  product: FakeProduct;
  checkoutId: string | null;
  createdAtMs: number;
  modifiedAtMs: number | null;
  periodStartMs: number;
  periodEndMs: number;
  cancelAtPeriodEnd: boolean;
  canceledAtMs: number | null;
  endedAtMs: number | null;
}

export interface FakeCheckout {
  id: string;
  clientSecret: string;
  status: 'open' | 'expired' | 'confirmed' | 'succeeded' | 'failed';
  product: FakeProduct;
  externalCustomerId: string | null;
  customerId: string | null;
  customerEmail: string | null;
  customerName: string | null;
  successUrl: string;
  returnUrl: string | null;
  metadata: Record<string, string | number | boolean>;
  createdAtMs: number;
  url: string;
  subscriptionId: string | null;
}

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

export function customerJson(customer: FakeCustomer): Record<string, unknown> {
  return {
    id: customer.id,
    created_at: iso(customer.createdAtMs),
    modified_at: null,
    metadata: {},
    external_id: customer.externalId,
    email: customer.email,
    email_verified: false,
    type: 'individual',
    name: customer.name,
    billing_name: null,
    billing_address: null,
    tax_id: null,
    locale: null,
    organization_id: FAKE_ORGANIZATION_ID,
    default_payment_method_id: null,
    deleted_at: null,
    avatar_url: null,
  };
}

export function productJson(product: FakeProduct): Record<string, unknown> {
  return {
    id: product.id,
    created_at: iso(0),
    modified_at: null,
    trial_interval: null,
    trial_interval_count: null,
    name: product.name,
    description: null,
    visibility: 'public',
    recurring_interval: 'month',
    recurring_interval_count: 1,
    meter_interval: null,
    meter_interval_count: null,
    is_recurring: true,
    is_archived: false,
    organization_id: FAKE_ORGANIZATION_ID,
    metadata: {},
    prices: [],
    benefits: [],
    medias: [],
    attached_custom_fields: [],
  };
}

export function subscriptionJson(subscription: FakeSubscription): Record<string, unknown> {
  return {
    created_at: iso(subscription.createdAtMs),
    modified_at: isoOrNull(subscription.modifiedAtMs),
    id: subscription.id,
    amount: subscription.product.priceAmount,
    currency: 'usd',
    recurring_interval: 'month',
    recurring_interval_count: 1,
    status: subscription.status,
    current_period_start: iso(subscription.periodStartMs),
    current_period_end: iso(subscription.periodEndMs),
    current_meter_period_start: iso(subscription.periodStartMs),
    current_meter_period_end: iso(subscription.periodEndMs),
    trial_start: null,
    trial_end: null,
    cancel_at_period_end: subscription.cancelAtPeriodEnd,
    canceled_at: isoOrNull(subscription.canceledAtMs),
    started_at: iso(subscription.createdAtMs),
    ends_at: subscription.cancelAtPeriodEnd ? iso(subscription.periodEndMs) : null,
    ended_at: isoOrNull(subscription.endedAtMs),
    past_due_at: null,
    pause_at_period_end: false,
    paused_at: null,
    resumes_at: null,
    customer_id: subscription.customer.id,
    product_id: subscription.product.id,
    discount_id: null,
    checkout_id: subscription.checkoutId,
    seats: null,
    customer_cancellation_reason: null,
    customer_cancellation_comment: null,
    metadata: {},
    custom_field_data: {},
    customer: customerJson(subscription.customer),
    product: productJson(subscription.product),
    discount: null,
    prices: [],
    meters: [],
    pending_update: null,
  };
}

export function checkoutJson(checkout: FakeCheckout): Record<string, unknown> {
  const amount = checkout.product.priceAmount;
  return {
    id: checkout.id,
    created_at: iso(checkout.createdAtMs),
    modified_at: null,
    custom_field_data: {},
    payment_processor: 'stripe',
    status: checkout.status,
    client_secret: checkout.clientSecret,
    url: checkout.url,
    expires_at: iso(checkout.createdAtMs + 3_600_000),
    success_url: checkout.successUrl,
    return_url: checkout.returnUrl,
    embed_origin: null,
    amount,
    seats: null,
    min_seats: null,
    max_seats: null,
    discount_amount: 0,
    net_amount: amount,
    tax_amount: null,
    tax_behavior: null,
    total_amount: amount,
    currency: 'usd',
    allow_trial: null,
    active_trial_interval: null,
    active_trial_interval_count: null,
    trial_end: null,
    organization_id: FAKE_ORGANIZATION_ID,
    product_id: checkout.product.id,
    product_price_id: null,
    discount_id: null,
    allow_discount_codes: true,
    require_billing_address: false,
    is_discount_applicable: false,
    is_free_product_price: false,
    is_payment_required: true,
    is_payment_setup_required: true,
    is_payment_form_required: true,
    customer_id: checkout.customerId,
    is_business_customer: false,
    customer_name: checkout.customerName,
    customer_email: checkout.customerEmail,
    customer_ip_address: null,
    customer_billing_name: null,
    customer_billing_address: null,
    customer_tax_id: null,
    locale: null,
    payment_processor_metadata: {},
    billing_address_fields: {
      country: 'required',
      state: 'disabled',
      city: 'disabled',
      postal_code: 'disabled',
      line1: 'disabled',
      line2: 'disabled',
    },
    trial_interval: null,
    trial_interval_count: null,
    metadata: checkout.metadata,
    external_customer_id: checkout.externalCustomerId,
    products: [],
    product: null,
    product_price: null,
    prices: null,
    discount: null,
    subscription_id: checkout.subscriptionId,
    attached_custom_fields: null,
    customer_metadata: {},
  };
}

export function customerSessionJson(input: {
  id: string;
  token: string;
  customer: FakeCustomer;
  portalUrl: string;
  returnUrl: string | null;
  createdAtMs: number;
}): Record<string, unknown> {
  return {
    created_at: iso(input.createdAtMs),
    modified_at: null,
    id: input.id,
    token: input.token,
    expires_at: iso(input.createdAtMs + 3_600_000),
    return_url: input.returnUrl,
    customer_portal_url: input.portalUrl,
    customer_id: input.customer.id,
    customer: customerJson(input.customer),
  };
}

/** An `order.paid` order for a subscription's period (the SDK's `Order` model). */
export function orderJson(input: {
  id: string;
  subscription: FakeSubscription;
  createdAtMs: number;
}): Record<string, unknown> {
  const { subscription } = input;
  const amount = subscription.product.priceAmount;
  const {
    customer: _customer,
    product: _product,
    discount: _discount,
    prices: _prices,
    meters: _meters,
    pending_update: _pending,
    ...orderSubscription
  } = subscriptionJson(subscription);
  return {
    id: input.id,
    created_at: iso(input.createdAtMs),
    modified_at: null,
    status: 'paid',
    paid: true,
    subtotal_amount: amount,
    discount_amount: 0,
    net_amount: amount,
    tax_amount: 0,
    total_amount: amount,
    applied_balance_amount: 0,
    due_amount: 0,
    refunded_amount: 0,
    refunded_tax_amount: 0,
    currency: 'usd',
    billing_reason: 'subscription_create',
    billing_name: null,
    billing_address: null,
    invoice_number: `INV-${input.id.slice(-6)}`,
    is_invoice_generated: false,
    receipt_number: null,
    seats: null,
    customer_id: subscription.customer.id,
    product_id: subscription.product.id,
    discount_id: null,
    subscription_id: subscription.id,
    checkout_id: subscription.checkoutId,
    metadata: {},
    platform_fee_amount: 0,
    platform_fee_currency: null,
    custom_field_data: {},
    customer: customerJson(subscription.customer),
    product: productJson(subscription.product),
    discount: null,
    subscription: orderSubscription,
    items: [],
    description: subscription.product.name,
    refundable_amount: amount,
    refundable_tax_amount: 0,
  };
}
