import type { TenantDb } from '@receptionist/db';
import { createTestDatabase, type TestDatabase } from '@receptionist/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BusinessEvent } from '../events/types.ts';
import { JOB_KINDS } from '../jobs/kinds.ts';
import { createTestReceptionistBusiness } from '../testing/index.ts';
import { type ApplyBillingEventInput, applyBillingEvent } from './apply-billing-event.ts';
import { listUnmeteredUsage, markUsageMetered } from './meter.ts';
import { billableSecondsOf, minutesOf } from './plans.ts';
import { readUsage } from './read-usage.ts';
import { usageFixtures } from './usage-fixtures.ts';

let database: TestDatabase;
let tenant: TenantDb;
let businessId: string;
/** The business's creation instant: every test time is relative to it, so tests pass on any date. */
let t0: number;
const MINUTE = 60_000;
const DAY = 86_400_000;

beforeEach(async () => {
  database = await createTestDatabase();
  const created = await createTestReceptionistBusiness(database.db);
  tenant = created.tenant;
  businessId = created.business.id;
  t0 = created.business.createdAt;
});
afterEach(async () => {
  await database.cleanup();
});

const { endedCall, record } = usageFixtures(() => ({ tenant, t0 }));

async function jobsOf(kind: string) {
  return (await tenant.jobs.list()).filter((job) => job.kind === kind);
}

async function usageWarnings(): Promise<number[]> {
  return (await jobsOf(JOB_KINDS.businessEvent))
    .map((job) => job.payload as { consumer: string; event: BusinessEvent })
    .filter(
      (payload) => payload.consumer === 'notifications' && payload.event.type === 'usage.threshold_reached',
    )
    .map((payload) => payload.event.data.percent as number);
}

function subscriptionEvent(
  overrides: Partial<NonNullable<ApplyBillingEventInput['subscriptions']>[number]> = {},
  webhookId = `msg_${Math.random()}`,
): ApplyBillingEventInput {
  return {
    webhookId,
    eventType: 'subscription.active',
    businessId,
    customerId: 'cus_1',
    subscriptions: [
      {
        id: 'sub_1',
        status: 'active',
        plan: 'starter',
        productId: 'prod-starter',
        periodStartMs: t0 + DAY,
        periodEndMs: t0 + 31 * DAY,
        cancelAtPeriodEnd: false,
        versionAtMs: t0 + DAY,
        ...overrides,
      },
    ],
  };
}

const apply = (input: ApplyBillingEventInput) =>
  applyBillingEvent({ ctx: { db: database.db, nowMs: t0 + DAY }, input });

describe('the rounding rule', () => {
  it('bills each call its duration rounded up to the whole second, and calls nobody answered nothing', () => {
    const call = { status: 'completed', endReason: 'caller_hangup' } as const;
    expect(billableSecondsOf({ ...call, durationMs: 61_200 })).toBe(62);
    expect(billableSecondsOf({ ...call, durationMs: 60_000 })).toBe(60);
    expect(billableSecondsOf({ ...call, durationMs: 1 })).toBe(1);
    expect(billableSecondsOf({ ...call, durationMs: null })).toBe(0);
    expect(
      billableSecondsOf({ status: 'no_answer', endReason: 'twilio_no_answer', durationMs: 30_000 }),
    ).toBe(0);
    expect(
      billableSecondsOf({ status: 'completed', endReason: 'after_hours_voicemail', durationMs: 40 }),
    ).toBe(0);
    expect(
      billableSecondsOf({ status: 'completed', endReason: 'usage_limit_voicemail', durationMs: 40 }),
    ).toBe(0);
    expect(minutesOf(61)).toBe(2);
    expect(minutesOf(0)).toBe(0);
  });
});

describe('recordCallUsage', () => {
  it('records an ended call once, however often the cold path runs', async () => {
    const callId = await endedCall(MINUTE, 90_500);
    expect(await record(callId)).toEqual({ recorded: true, billableSeconds: 91, warnings: [] });
    expect(await record(callId)).toEqual({ recorded: false, billableSeconds: 91, warnings: [] });
    const usage = await readUsage({ ctx: { tenant, nowMs: t0 + DAY }, input: {} });
    expect(usage).toMatchObject({
      calls: 1,
      billableSeconds: 91,
      minutes: 2,
      plan: 'trial',
      includedMinutes: 30,
    });
    // Trial minutes are free: nothing goes to Polar's meter.
    expect(await jobsOf(JOB_KINDS.billingMeter)).toHaveLength(0);
    expect(await listUnmeteredUsage({ ctx: { db: database.db }, input: { businessId } })).toEqual([]);
  });

  it('refuses a call that has not ended', async () => {
    const call = await tenant.calls.create({ channel: 'phone', engine: 'local', status: 'in_progress' });
    await expect(record(call.id)).rejects.toMatchObject({ code: 'call_not_ended' });
    await expect(record('call_missing')).rejects.toMatchObject({ code: 'call_not_found' });
  });

  it('warns the owner at 80 % and at 100 % of the included minutes, once each per period', async () => {
    // Trial: 30 minutes. 23 min → 76 %, +1 min → 80 %, +1 min → 83 % (no repeat), +6 min → 103 %.
    expect((await record(await endedCall(0, 23 * MINUTE))).warnings).toEqual([]);
    expect((await record(await endedCall(HOUR(1), MINUTE))).warnings).toEqual([80]);
    expect((await record(await endedCall(HOUR(2), MINUTE))).warnings).toEqual([]);
    expect((await record(await endedCall(HOUR(3), 6 * MINUTE))).warnings).toEqual([100]);
    expect((await record(await endedCall(HOUR(4), MINUTE))).warnings).toEqual([]);
    expect(await usageWarnings()).toEqual([80, 100]);
  });
});

function HOUR(n: number): number {
  return n * 3_600_000;
}

describe('applyBillingEvent', () => {
  it('puts the business on the plan with its period, and ignores a replay of the same webhook', async () => {
    const event = subscriptionEvent({}, 'msg_fixed');
    expect(await apply(event)).toEqual({ outcome: 'applied', businessId, plan: 'starter', status: 'active' });
    expect(await apply(event)).toEqual({ outcome: 'duplicate' });
    const usage = await readUsage({ ctx: { tenant, nowMs: t0 + 2 * DAY }, input: {} });
    expect(usage).toMatchObject({
      plan: 'starter',
      status: 'active',
      includedMinutes: 300,
      periodStart: new Date(t0 + DAY).toISOString(),
      periodEnd: new Date(t0 + 31 * DAY).toISOString(),
    });
  });

  it('never lets an older state, arriving late, overwrite a newer one', async () => {
    await apply(subscriptionEvent({ status: 'active', versionAtMs: t0 + 2 * DAY }));
    expect(await apply(subscriptionEvent({ status: 'incomplete', versionAtMs: t0 + DAY }))).toEqual({
      outcome: 'stale',
      businessId,
    });
    expect((await tenant.billing.getAccount())?.status).toBe('active');
    // A newer cancellation does apply.
    expect(
      await apply(subscriptionEvent({ cancelAtPeriodEnd: true, versionAtMs: t0 + 3 * DAY })),
    ).toMatchObject({
      outcome: 'applied',
    });
    expect((await tenant.billing.getAccount())?.cancelAtPeriodEnd).toBe(true);
  });

  it('does not let the end of an older subscription end a newer one', async () => {
    await apply(
      subscriptionEvent({ id: 'sub_new', plan: 'pro', productId: 'prod-pro', versionAtMs: t0 + 5 * DAY }),
    );
    const lateRevocation = subscriptionEvent({
      id: 'sub_old',
      status: 'canceled',
      revoked: true,
      versionAtMs: t0 + 6 * DAY,
    });
    expect(await apply(lateRevocation)).toEqual({ outcome: 'stale', businessId });
    expect(await tenant.billing.getAccount()).toMatchObject({
      plan: 'pro',
      status: 'active',
      polarSubscriptionId: 'sub_new',
    });
  });

  it('reports a subscription of a deleted business so it can be revoked, and ignores products not sold here', async () => {
    expect(await apply({ ...subscriptionEvent(), businessId: 'biz_deleted' })).toEqual({
      outcome: 'business_gone',
      businessId: 'biz_deleted',
      subscriptionIds: ['sub_1'],
    });
    expect(await apply(subscriptionEvent({ plan: null }))).toEqual({
      outcome: 'ignored',
      reason: 'product_not_sold_here',
    });
    expect(await apply({ ...subscriptionEvent(), subscriptions: [] })).toEqual({
      outcome: 'customer_linked',
      businessId,
    });
    expect(await apply({ ...subscriptionEvent(), businessId: null })).toEqual({
      outcome: 'ignored',
      reason: 'customer_without_external_id',
    });
  });
});

describe('metering a subscribed business', () => {
  it('queues a batched meter job and hands pending usage to the worker until Polar accepts it', async () => {
    await apply(subscriptionEvent());
    const first = await endedCall(DAY + HOUR(1), 30_000);
    const second = await endedCall(DAY + HOUR(2), 45_001);
    await record(first, t0 + DAY + HOUR(3));
    await record(second, t0 + DAY + HOUR(3));
    // One queued batch carries both calls.
    const meterJobs = await jobsOf(JOB_KINDS.billingMeter);
    expect(meterJobs).toHaveLength(1);
    expect(meterJobs[0]?.runAt).toBe(t0 + DAY + HOUR(3) + 30_000);
    const pending = await listUnmeteredUsage({ ctx: { db: database.db }, input: { businessId } });
    expect(pending.map((usage) => [usage.callId, usage.billableSeconds])).toEqual([
      [first, 30],
      [second, 46],
    ]);
    await markUsageMetered({
      ctx: { db: database.db, nowMs: t0 + 2 * DAY },
      input: { businessId, callIds: [first] },
    });
    expect(
      (await listUnmeteredUsage({ ctx: { db: database.db }, input: { businessId } })).map((u) => u.callId),
    ).toEqual([second]);
  });
});

describe('readUsage', () => {
  it('charts a window day by day in the business’s zone and rejects a backwards one', async () => {
    await record(await endedCall(DAY, 59_000));
    await record(await endedCall(DAY + HOUR(1), 2_000));
    await record(await endedCall(3 * DAY, 1_000, 'busy'));
    const from = new Date(t0).toISOString();
    const to = new Date(t0 + 5 * DAY).toISOString();
    const usage = await readUsage({ ctx: { tenant, nowMs: t0 + 6 * DAY }, input: { from, to } });
    expect(usage).toMatchObject({ calls: 3, billableSeconds: 61, minutes: 2 });
    expect(usage.days.reduce((sum, day) => sum + day.billableSeconds, 0)).toBe(61);
    expect(usage.days.reduce((sum, day) => sum + day.calls, 0)).toBe(3);
    expect(usage.days.length).toBeGreaterThanOrEqual(5);
    await expect(
      readUsage({ ctx: { tenant, nowMs: t0 }, input: { from: to, to: from } }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
    });
    await expect(readUsage({ ctx: { tenant, nowMs: t0 }, input: { from } })).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });
});
