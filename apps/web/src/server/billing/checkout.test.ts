import { createPolarBilling, type PolarBilling } from '@receptionist/billing';
import { type FakePolarServer, startFakePolarServer } from '@receptionist/billing/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkoutLink, portalLink } from './checkout.ts';

const TOKEN = 'polar_oat_checkout';
const STARTER = { id: 'prod-starter', name: 'Starter', priceAmount: 2900 };
let fake: FakePolarServer;
let polar: PolarBilling;

beforeAll(async () => {
  fake = await startFakePolarServer({ accessToken: TOKEN, webhookSecret: 'unused', products: [STARTER] });
  polar = createPolarBilling({
    accessToken: TOKEN,
    server: 'sandbox',
    serverUrl: fake.url,
    meterEventName: 'x',
    timeoutMs: 2_000,
  });
});
afterAll(async () => {
  await fake.close();
});

const base = { products: { starter: STARTER.id }, businessId: 'biz_1', origin: 'https://app.example' };

describe('checkout and portal links', () => {
  it('sends the owner to Polar’s checkout, returning to the billing page', async () => {
    const link = await checkoutLink({ ...base, polar, plan: 'starter', customerEmail: 'o@example.com' });
    expect(link).toEqual({ ok: true, url: expect.stringMatching(new RegExp(`^${fake.url}/checkout/`)) });
    const checkout = [...fake.checkouts.values()].at(-1);
    expect(checkout).toMatchObject({
      externalCustomerId: 'biz_1',
      successUrl: 'https://app.example/b/biz_1/billing?checkout=success&checkout_id={CHECKOUT_ID}',
      returnUrl: 'https://app.example/b/biz_1/billing',
      customerEmail: 'o@example.com',
    });
  });

  it('says why when Polar is down, throttling, or billing is not set up, and creates nothing', async () => {
    const before = fake.checkouts.size;
    fake.failNext('/v1/checkouts/', { status: 502, body: { error: 'BadGateway', detail: 'upstream' } });
    expect(await checkoutLink({ ...base, polar, plan: 'starter' })).toEqual({
      ok: false,
      code: 'polar_unavailable',
    });
    fake.failNext('/v1/checkouts/', { drop: true });
    expect(await checkoutLink({ ...base, polar, plan: 'starter' })).toEqual({
      ok: false,
      code: 'polar_unavailable',
    });
    fake.failNext('/v1/checkouts/', { status: 429, retryAfterSeconds: 2 });
    expect(await checkoutLink({ ...base, polar, plan: 'starter' })).toEqual({
      ok: false,
      code: 'polar_rate_limited',
    });
    expect(await checkoutLink({ ...base, polar, plan: 'pro' })).toEqual({
      ok: false,
      code: 'billing_not_configured',
    });
    expect(await checkoutLink({ ...base, polar: undefined, plan: 'starter' })).toEqual({
      ok: false,
      code: 'billing_not_configured',
    });
    expect(fake.checkouts.size).toBe(before);
  });

  it('opens the portal only for a business Polar knows', async () => {
    expect(await portalLink({ ...base, polar, businessId: 'biz_unknown' })).toEqual({
      ok: false,
      code: 'polar_rejected',
    });
    const link = await checkoutLink({ ...base, polar, plan: 'starter' });
    if (!link.ok) throw new Error('checkout failed');
    await fake.completeCheckout(new URL(link.url).pathname.split('/').pop() ?? '');
    expect(await portalLink({ ...base, polar })).toEqual({
      ok: true,
      url: expect.stringContaining('/portal/'),
    });
  });
});
