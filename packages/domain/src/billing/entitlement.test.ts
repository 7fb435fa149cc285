import type { TenantDb } from '@receptionist/db';
import { createTestDatabase, type TestDatabase } from '@receptionist/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestReceptionistBusiness } from '../testing/index.ts';
import { type ApplyBillingEventInput, applyBillingEvent } from './apply-billing-event.ts';
import { checkCallEntitlement } from './entitlement.ts';
import { setOverageBehaviour } from './set-overage-behaviour.ts';
import { usageFixtures } from './usage-fixtures.ts';

let database: TestDatabase;
let tenant: TenantDb;
let businessId: string;
/** The business's creation instant: every test time is relative to it, so tests pass on any date. */
let t0: number;
const MINUTE = 60_000;
const HOUR = (n: number) => n * 3_600_000;
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

describe('call entitlements', () => {
  const entitlement = () => checkCallEntitlement({ ctx: { db: database.db }, input: { businessId } });

  it('answers within the trial, and takes messages once the trial minutes are used', async () => {
    expect(await entitlement()).toMatchObject({ kind: 'answer', overage: false, includedMinutes: 30 });
    await record(await endedCall(0, 30 * MINUTE));
    expect(await entitlement()).toMatchObject({
      kind: 'take_message',
      reason: 'trial_used',
      minutesUsed: 30,
    });
    // No subscription to bill overage to: choosing it changes nothing on the trial.
    await setOverageBehaviour({ ctx: { tenant }, input: { overageBehaviour: 'bill_overage' } });
    expect((await entitlement()).kind).toBe('take_message');
  });

  it('past a plan’s minutes follows the owner’s choice, and a lapsed subscription takes messages', async () => {
    await apply(subscriptionEvent());
    await record(await endedCall(DAY + HOUR(1), 300 * MINUTE));
    expect(await entitlement()).toMatchObject({ kind: 'take_message', reason: 'plan_limit' });
    await setOverageBehaviour({ ctx: { tenant }, input: { overageBehaviour: 'bill_overage' } });
    expect(await entitlement()).toMatchObject({ kind: 'answer', overage: true });
    await apply(subscriptionEvent({ status: 'canceled', revoked: true, versionAtMs: t0 + 2 * DAY }));
    expect(await entitlement()).toMatchObject({
      kind: 'take_message',
      reason: 'subscription_lapsed',
      includedMinutes: 0,
    });
    await expect(
      setOverageBehaviour({ ctx: { tenant }, input: { overageBehaviour: 'sometimes' as 'bill_overage' } }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
