import { describe, expect, it } from 'vitest';
import { orderJson, subscriptionJson } from './testing/polar-models.ts';
import { parsePolarEvent } from './webhook-events.ts';

const customer = { id: 'cus_1', externalId: 'biz_1', email: 'o@example.com', name: null, createdAtMs: 0 };
const product = { id: 'prod-pro', name: 'Pro', priceAmount: 9900 };
const subscription = {
  id: 'sub_1',
  status: 'active' as const,
  customer,
  product,
  checkoutId: null,
  createdAtMs: Date.UTC(2026, 0, 1),
  modifiedAtMs: Date.UTC(2026, 0, 2),
  periodStartMs: Date.UTC(2026, 0, 1),
  periodEndMs: Date.UTC(2026, 1, 1),
  cancelAtPeriodEnd: false,
  canceledAtMs: null,
  endedAtMs: null,
};

describe('parsePolarEvent', () => {
  it('reads a subscription event: whose, which product, which period, which version', () => {
    const event = parsePolarEvent({ type: 'subscription.updated', data: subscriptionJson(subscription) });
    expect(event).toEqual({
      kind: 'subscription',
      type: 'subscription.updated',
      businessId: 'biz_1',
      customerId: 'cus_1',
      subscriptions: [
        {
          id: 'sub_1',
          status: 'active',
          productId: 'prod-pro',
          periodStartMs: Date.UTC(2026, 0, 1),
          periodEndMs: Date.UTC(2026, 1, 1),
          cancelAtPeriodEnd: false,
          versionAtMs: Date.UTC(2026, 0, 2),
          revoked: false,
        },
      ],
    });
  });

  it('marks a revocation, and falls back to created_at when the subscription was never modified', () => {
    const event = parsePolarEvent({
      type: 'subscription.revoked',
      data: subscriptionJson({ ...subscription, modifiedAtMs: null, status: 'canceled' }),
    });
    expect(event.kind === 'subscription' && event.subscriptions[0]).toMatchObject({
      revoked: true,
      status: 'canceled',
      versionAtMs: Date.UTC(2026, 0, 1),
    });
  });

  it('takes the renewed period from a paid order', () => {
    const event = parsePolarEvent({
      type: 'order.paid',
      data: orderJson({ id: 'ord_1', subscription, createdAtMs: Date.UTC(2026, 0, 1) }),
    });
    expect(event).toMatchObject({
      kind: 'subscription',
      businessId: 'biz_1',
      subscriptions: [{ id: 'sub_1' }],
    });
  });

  it('lets an empty customer state link the customer without downgrading anything', () => {
    const event = parsePolarEvent({
      type: 'customer.state_changed',
      data: { id: 'cus_1', external_id: 'biz_1', active_subscriptions: [] },
    });
    expect(event).toEqual({
      kind: 'customer',
      type: 'customer.state_changed',
      businessId: 'biz_1',
      customerId: 'cus_1',
    });
  });

  it('ignores, with the reason, types billing does not use and payloads missing what it needs', () => {
    expect(parsePolarEvent({ type: 'benefit.created', data: {} })).toEqual({
      kind: 'ignored',
      type: 'benefit.created',
      reason: 'not an event billing uses',
    });
    const broken = parsePolarEvent({ type: 'subscription.active', data: { id: 'sub_1' } });
    expect(broken.kind).toBe('ignored');
    expect(parsePolarEvent('not an object').kind).toBe('ignored');
  });
});
