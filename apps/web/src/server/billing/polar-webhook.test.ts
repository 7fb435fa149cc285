import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPolarBilling, signPolarWebhook } from '@receptionist/billing';
import { type FakePolarServer, startFakePolarServer, subscriptionJson } from '@receptionist/billing/testing';
import { createBusinessWithProfile } from '@receptionist/domain';
import {
  createTestDatabase,
  createTestProfile,
  type TestDatabase,
  tenantFixture,
} from '@receptionist/domain/testing';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handlePolarWebhook, type PolarWebhookDeps } from './polar-webhook.ts';

const SECRET = 'polar_whs_dashboard';
const TOKEN = 'polar_oat_dashboard';
const STARTER = { id: 'prod-starter', name: 'Starter', priceAmount: 2900 };
const PRO = { id: 'prod-pro', name: 'Pro', priceAmount: 9900 };
/** The handler's clock: pinned, so staleness never depends on the real date. */
const NOW = Date.UTC(2026, 2, 2, 15, 0, 0);

let database: TestDatabase;
let businessId: string;
let fake: FakePolarServer;
let bridge: Server;
let deps: PolarWebhookDeps;

beforeEach(async () => {
  database = await createTestDatabase();
  businessId = (await createBusinessWithProfile(database.db, createTestProfile())).business.id;
  fake = await startFakePolarServer({
    accessToken: TOKEN,
    webhookSecret: SECRET,
    products: [STARTER, PRO],
    now: () => NOW,
  });
  deps = {
    getDb: async () => database.db,
    now: () => NOW,
    config: { webhookSecret: SECRET, products: { starter: STARTER.id, pro: PRO.id } },
    polar: polarClient(),
    logger: pino({ level: 'silent' }),
  };
  // The fake Polar posts its webhooks here, as to the dashboard's POST /api/webhooks/polar.
  bridge = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const headers = new Headers();
      for (const [key, value] of Object.entries(request.headers))
        if (typeof value === 'string') headers.set(key, value);
      const answer = await handlePolarWebhook(
        new Request('http://dashboard.test/api/webhooks/polar', {
          method: 'POST',
          headers,
          body: Buffer.concat(chunks),
        }),
        deps,
      );
      response.writeHead(answer.status, { 'content-type': 'application/json' }).end(await answer.text());
    });
  });
  await new Promise<void>((resolve) => bridge.listen(0, '127.0.0.1', resolve));
  fake.setWebhookUrl(`http://127.0.0.1:${(bridge.address() as AddressInfo).port}/api/webhooks/polar`);
});
afterEach(async () => {
  await fake.close();
  await new Promise((resolve) => bridge.close(resolve));
  await database.cleanup();
});

function polarClient() {
  return createPolarBilling({
    accessToken: TOKEN,
    server: 'sandbox',
    serverUrl: fake.url,
    meterEventName: 'x',
    timeoutMs: 2_000,
  });
}

const account = () => tenantFixture(database.db, businessId).billing.getAccount();

function signed(
  body: string,
  options: { webhookId?: string; signedAtMs?: number; secret?: string } = {},
): Request {
  const headers = signPolarWebhook({
    body,
    secret: options.secret ?? SECRET,
    webhookId: options.webhookId ?? `msg_${Math.random().toString(36).slice(2)}`,
    nowMs: options.signedAtMs ?? NOW,
  });
  return new Request('http://dashboard.test/api/webhooks/polar', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
}

function subscriptionBody(
  type: string,
  overrides: { status?: 'active' | 'canceled'; modifiedAtMs?: number; product?: typeof STARTER } = {},
) {
  return JSON.stringify({
    type,
    timestamp: new Date(NOW).toISOString(),
    data: subscriptionJson({
      id: 'sub_1',
      status: overrides.status ?? 'active',
      customer: {
        id: 'cus_1',
        externalId: businessId,
        email: 'owner@example.com',
        name: null,
        createdAtMs: NOW - 1000,
      },
      product: overrides.product ?? STARTER,
      checkoutId: null,
      createdAtMs: NOW - 1000,
      modifiedAtMs: overrides.modifiedAtMs ?? NOW - 500,
      periodStartMs: NOW - 1000,
      periodEndMs: NOW + 30 * 86_400_000,
      cancelAtPeriodEnd: false,
      canceledAtMs: null,
      endedAtMs: null,
    }),
  });
}

async function post(request: Request): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await handlePolarWebhook(request, deps);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('POST /api/webhooks/polar', () => {
  it('a completed checkout on the fake Polar puts the business on the plan', async () => {
    const checkout = await polarClient().createCheckout({
      businessId,
      productId: PRO.id,
      successUrl: 'http://dashboard.test/billing',
    });
    await fake.completeCheckout(checkout.id);
    expect(fake.webhooks.map((hook) => [hook.type, hook.status])).toEqual([
      ['subscription.created', 200],
      ['subscription.active', 200],
      ['order.paid', 200],
      ['customer.state_changed', 200],
    ]);
    expect(await account()).toMatchObject({
      plan: 'pro',
      status: 'active',
      polarCustomerId: expect.any(String),
    });
  });

  it('refuses forged and stale deliveries with 403 and stores nothing', async () => {
    const body = subscriptionBody('subscription.active');
    expect((await post(signed(body, { secret: 'polar_whs_someone_else' }))).status).toBe(403);
    expect((await post(signed(body, { signedAtMs: NOW - 6 * 60_000 }))).status).toBe(403);
    const unsigned = new Request('http://dashboard.test/api/webhooks/polar', { method: 'POST', body });
    expect((await post(unsigned)).status).toBe(403);
    expect(await account()).toBeUndefined();
  });

  it('applies a delivery once (a replay is a duplicate) and ignores an older state arriving late', async () => {
    const newer = signed(subscriptionBody('subscription.updated', { modifiedAtMs: NOW - 100 }), {
      webhookId: 'msg_new',
    });
    const replay = signed(subscriptionBody('subscription.updated', { modifiedAtMs: NOW - 100 }), {
      webhookId: 'msg_new',
    });
    const older = signed(
      subscriptionBody('subscription.canceled', { status: 'canceled', modifiedAtMs: NOW - 900 }),
    );
    expect(await post(newer)).toEqual({ status: 200, body: { status: 'applied' } });
    expect(await post(replay)).toEqual({ status: 200, body: { status: 'duplicate' } });
    expect(await post(older)).toEqual({ status: 200, body: { status: 'stale' } });
    expect(await account()).toMatchObject({ plan: 'starter', status: 'active' });
  });

  it('acknowledges events billing does not use, and answers 503 while no secret is configured', async () => {
    const body = JSON.stringify({
      type: 'benefit.created',
      timestamp: new Date(NOW).toISOString(),
      data: {},
    });
    expect(await post(signed(body))).toEqual({ status: 202, body: { status: 'ignored' } });
    // A status billing does not know, or an id too long to be ours: acknowledged, nothing stored.
    const paused = JSON.parse(subscriptionBody('subscription.updated')) as { data: Record<string, unknown> };
    paused.data.status = 'paused';
    expect(await post(signed(JSON.stringify(paused)))).toEqual({ status: 202, body: { status: 'ignored' } });
    const foreign = JSON.parse(subscriptionBody('subscription.updated')) as {
      data: { customer: { external_id: string } };
    };
    foreign.data.customer.external_id = 'x'.repeat(300);
    expect(await post(signed(JSON.stringify(foreign)))).toEqual({ status: 202, body: { status: 'ignored' } });
    expect(await account()).toBeUndefined();
    deps = { ...deps, config: { ...deps.config, webhookSecret: undefined } };
    expect((await post(signed(body))).status).toBe(503);
  });

  it('revokes in Polar the subscription of a business that was deleted', async () => {
    const checkout = await polarClient().createCheckout({
      businessId,
      productId: STARTER.id,
      successUrl: 'http://x.test',
    });
    const subscription = await fake.completeCheckout(checkout.id);
    await database.db.$client.execute({ sql: 'delete from businesses where id = ?', args: [businessId] });
    // Polar renews the subscription: the webhook finds no business and the subscription is revoked.
    await fake.updateSubscription(subscription.id, 'subscription.updated', {
      periodStartMs: NOW,
      periodEndMs: NOW + 86_400_000,
    });
    expect(fake.webhooks.at(-1)?.status).toBe(200);
    expect(fake.subscriptions.get(subscription.id)?.status).toBe('canceled');
  });
});
