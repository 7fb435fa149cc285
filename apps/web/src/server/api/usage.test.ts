import { applyBillingEvent, createBusinessWithProfile } from '@receptionist/domain';
import { createTestProfile, tenantFixture as forBusiness } from '@receptionist/domain/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getBusinessHandler } from './business.ts';
import { type ApiTestBed, createApiTestBed } from './test-harness.ts';
import { getUsageHandler } from './usage.ts';

let bed: ApiTestBed;

beforeAll(async () => {
  bed = await createApiTestBed({
    createBusiness: async (db, name) =>
      (await createBusinessWithProfile(db, createTestProfile({ name }))).business,
  });
});
afterAll(async () => {
  await bed.testDb.cleanup();
});

/** A call of business A with its usage recorded, `offsetMs` after the business was created. */
async function usedCall(offsetMs: number, billableSeconds: number): Promise<void> {
  const tenant = forBusiness(bed.db, bed.businessA);
  const createdAt = (await tenant.business.get())?.createdAt ?? 0;
  const call = await tenant.calls.create({
    channel: 'phone',
    engine: 'local',
    status: 'in_progress',
    startedAt: createdAt + offsetMs,
  });
  await tenant.calls.end(call.id, {
    status: 'completed',
    endReason: 'caller_hangup',
    endedAt: createdAt + offsetMs + billableSeconds * 1000,
  });
  await tenant.billing.recordUsage({
    callId: call.id,
    startedAt: createdAt + offsetMs,
    billableSeconds,
    metered: false,
  });
}

describe('GET /api/v1/usage', () => {
  it('reports the key’s own business: calls, seconds, minutes and the plan, in a window', async () => {
    await usedCall(60_000, 61);
    await usedCall(120_000, 30);
    const createdAt = (await forBusiness(bed.db, bed.businessA).business.get())?.createdAt ?? 0;
    const from = new Date(createdAt).toISOString();
    const to = new Date(createdAt + 86_400_000).toISOString();
    const a = await bed.call(getUsageHandler, { path: `/api/v1/usage?from=${from}&to=${to}` });
    expect(a.status).toBe(200);
    expect(a.body.data).toMatchObject({
      calls: 2,
      billableSeconds: 91,
      minutes: 2,
      plan: 'trial',
      includedMinutes: 30,
      periodStart: new Date(createdAt).toISOString(),
      periodEnd: null,
    });
    const b = await bed.call(getUsageHandler, { path: `/api/v1/usage?from=${from}&to=${to}`, key: bed.keyB });
    expect(b.body.data).toMatchObject({ calls: 0, billableSeconds: 0, minutes: 0 });
  });

  it('refuses a bad window with a clear error, and needs a key', async () => {
    const bad = await bed.call(getUsageHandler, { path: '/api/v1/usage?from=2026-03-05&to=2026-03-01' });
    expect(bad.status).toBe(422);
    expect(bad.body.error?.message).toMatch(/usage window must end after it starts/);
    const half = await bed.call(getUsageHandler, { path: '/api/v1/usage?from=2026-03-05' });
    expect(half.status).toBe(422);
    expect((await bed.call(getUsageHandler, { path: '/api/v1/usage', key: null })).status).toBe(401);
  });
});

describe('plan in GET /api/v1/business', () => {
  it('is the trial until Polar reports a subscription, then the plan with its period', async () => {
    const before = await bed.call(getBusinessHandler, { path: '/api/v1/business', key: bed.keyB });
    expect(before.body.data).toMatchObject({
      plan: 'trial',
      billing: { status: 'trialing', includedMinutes: 30 },
    });
    await applyBillingEvent({
      ctx: { db: bed.db, nowMs: bed.now() },
      input: {
        webhookId: 'msg_api',
        eventType: 'subscription.active',
        businessId: bed.businessB,
        customerId: 'cus_b',
        subscriptions: [
          {
            id: 'sub_b',
            status: 'active',
            plan: 'pro',
            productId: 'prod-pro',
            periodStartMs: Date.UTC(2026, 2, 1),
            periodEndMs: Date.UTC(2026, 3, 1),
            cancelAtPeriodEnd: false,
            versionAtMs: Date.UTC(2026, 2, 1),
          },
        ],
      },
    });
    const after = await bed.call(getBusinessHandler, { path: '/api/v1/business', key: bed.keyB });
    expect(after.body.data).toMatchObject({
      plan: 'pro',
      billing: {
        status: 'active',
        includedMinutes: 1500,
        periodStart: '2026-03-01T00:00:00.000Z',
        periodEnd: '2026-04-01T00:00:00.000Z',
      },
    });
  });
});
