import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { validateEvent } from '@polar-sh/sdk/webhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BillingProviderError } from './errors.ts';
import { createPolarBilling, type PolarBilling } from './polar-client.ts';
import { type FakePolarServer, startFakePolarServer } from './testing/index.ts';

const TOKEN = 'polar_oat_test_token';
const SECRET = 'polar_whs_test_secret';
const STARTER = { id: 'prod-starter', name: 'Starter', priceAmount: 2900 };

/** Receives the fake's webhooks and checks each with the SDK's own `validateEvent` (real clock: Polar's). */
async function startReceiver(): Promise<{ url: string; parsed: unknown[]; close: () => Promise<void> }> {
  const parsed: unknown[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const headers = Object.fromEntries(
        Object.entries(request.headers).map(([key, value]) => [key, String(value)]),
      );
      try {
        parsed.push(validateEvent(Buffer.concat(chunks).toString('utf8'), headers, SECRET));
        response.writeHead(202).end();
      } catch (error) {
        parsed.push(error);
        response.writeHead(403).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    parsed,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('the Polar adapter against the fake Polar API', () => {
  let fake: FakePolarServer;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let polar: PolarBilling;

  beforeAll(async () => {
    receiver = await startReceiver();
    fake = await startFakePolarServer({
      accessToken: TOKEN,
      webhookSecret: SECRET,
      webhookUrl: receiver.url,
      products: [STARTER],
    });
    polar = createPolarBilling({
      accessToken: TOKEN,
      server: 'sandbox',
      serverUrl: fake.url,
      meterEventName: 'call_seconds',
      timeoutMs: 5_000,
    });
  });
  afterAll(async () => {
    await fake.close();
    await receiver.close();
  });

  it('creates a checkout for the business, whose completion sends webhooks the SDK accepts', async () => {
    const checkout = await polar.createCheckout({
      businessId: 'biz_1',
      productId: STARTER.id,
      successUrl: 'http://dashboard.test/b/biz_1/billing?checkout_id={CHECKOUT_ID}',
      customerEmail: 'owner@example.com',
    });
    expect(checkout.url).toBe(`${fake.url}/checkout/${checkout.id}`);
    expect(fake.checkouts.get(checkout.id)?.externalCustomerId).toBe('biz_1');

    const page = await fetch(checkout.url, { redirect: 'manual' });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe(
      `http://dashboard.test/b/biz_1/billing?checkout_id=${checkout.id}`,
    );
    expect(fake.webhooks.map((hook) => [hook.type, hook.status])).toEqual([
      ['subscription.created', 202],
      ['subscription.active', 202],
      ['order.paid', 202],
      ['customer.state_changed', 202],
    ]);
    // Every payload the fake sends parses with the SDK's models: they have Polar's shapes.
    expect(receiver.parsed.map((event) => (event as { type: string }).type)).toEqual([
      'subscription.created',
      'subscription.active',
      'order.paid',
      'customer.state_changed',
    ]);
  });

  it('opens the customer portal of a business that has a Polar customer, and 404s one that has none', async () => {
    const portal = await polar.createPortalSession({
      businessId: 'biz_1',
      returnUrl: 'http://dashboard.test',
    });
    expect(portal.url).toMatch(new RegExp(`^${fake.url}/portal/polar_cst_`));
    expect((await fetch(portal.url)).status).toBe(200);

    const missing = await polar
      .createPortalSession({ businessId: 'biz_none' })
      .catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(BillingProviderError);
    expect(missing).toMatchObject({ code: 'polar_rejected', status: 404, retryable: false });
  });

  it('sends meter events with the call id as external id, so a resend is counted as a duplicate', async () => {
    const usage = [
      { businessId: 'biz_1', callId: 'call_a', billableSeconds: 62, startedAt: Date.UTC(2026, 0, 5, 10) },
      { businessId: 'biz_1', callId: 'call_b', billableSeconds: 5, startedAt: Date.UTC(2026, 0, 5, 11) },
    ];
    expect(await polar.ingestUsage(usage)).toEqual({ inserted: 2, duplicates: 0 });
    expect(await polar.ingestUsage(usage)).toEqual({ inserted: 0, duplicates: 2 });
    expect(fake.events).toEqual([
      {
        name: 'call_seconds',
        externalCustomerId: 'biz_1',
        externalId: 'call_a',
        metadata: { seconds: 62, callId: 'call_a' },
        timestamp: '2026-01-05T10:00:00.000Z',
      },
      {
        name: 'call_seconds',
        externalCustomerId: 'biz_1',
        externalId: 'call_b',
        metadata: { seconds: 5, callId: 'call_b' },
        timestamp: '2026-01-05T11:00:00.000Z',
      },
    ]);
  });

  it('tells a retryable failure (429, 5xx, a dropped connection) from a refused request (422, 401)', async () => {
    const usage = [{ businessId: 'biz_1', callId: 'call_c', billableSeconds: 1, startedAt: 0 }];
    fake.failNext('/v1/events/ingest', { status: 429, retryAfterSeconds: 1 });
    await expect(polar.ingestUsage(usage)).rejects.toMatchObject({
      code: 'polar_rate_limited',
      retryable: true,
    });
    fake.failNext('/v1/events/ingest', {
      status: 503,
      body: { error: 'ServiceUnavailable', detail: 'down' },
    });
    await expect(polar.ingestUsage(usage)).rejects.toMatchObject({
      code: 'polar_unavailable',
      retryable: true,
    });
    fake.failNext('/v1/events/ingest', { drop: true });
    await expect(polar.ingestUsage(usage)).rejects.toMatchObject({
      code: 'polar_unavailable',
      retryable: true,
    });

    await expect(
      polar.createCheckout({ businessId: 'biz_1', productId: 'prod-unknown', successUrl: 'http://x.test' }),
    ).rejects.toMatchObject({ code: 'polar_rejected', status: 422, retryable: false });

    const stranger = createPolarBilling({
      accessToken: 'wrong',
      server: 'sandbox',
      serverUrl: fake.url,
      meterEventName: 'call_seconds',
      timeoutMs: 5_000,
    });
    await expect(stranger.ingestUsage(usage)).rejects.toMatchObject({ code: 'polar_rejected', status: 401 });
    // Nothing failed half-way: the call was accepted only once it succeeded.
    expect(await polar.ingestUsage(usage)).toEqual({ inserted: 1, duplicates: 0 });
  });
});

describe('revoking a subscription', () => {
  it('ends it in Polar (the SDK parses the fake’s Subscription), and a second revoke is refused', async () => {
    const fake = await startFakePolarServer({
      accessToken: TOKEN,
      webhookSecret: SECRET,
      products: [STARTER],
    });
    const receiver = await startReceiver();
    fake.setWebhookUrl(receiver.url);
    try {
      const polar = createPolarBilling({
        accessToken: TOKEN,
        server: 'production',
        serverUrl: fake.url,
        meterEventName: 'call_seconds',
        timeoutMs: 5_000,
      });
      const checkout = await polar.createCheckout({
        businessId: 'biz_gone',
        productId: STARTER.id,
        successUrl: 'http://x.test',
      });
      const subscription = await fake.completeCheckout(checkout.id);
      await polar.revokeSubscription(subscription.id);
      expect(fake.subscriptions.get(subscription.id)?.status).toBe('canceled');
      await expect(polar.revokeSubscription(subscription.id)).rejects.toMatchObject({
        code: 'polar_rejected',
        status: 403,
      });
      await expect(polar.revokeSubscription('missing')).rejects.toMatchObject({
        code: 'polar_rejected',
        status: 404,
      });
    } finally {
      await fake.close();
      await receiver.close();
    }
  });
});
