import { createTestBusiness, createTestDatabase, type TestDatabase } from '@receptionist/db/testing';
import { checkCallEntitlement, seedDemoBusiness } from '@receptionist/domain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CallEntitlements, type EntitlementVerdict } from './call-entitlements.ts';

let database: TestDatabase;
let businessId: string;
let reads: number;
let nowMs: number;

beforeEach(async () => {
  database = await createTestDatabase();
  businessId = (await seedDemoBusiness(database.db)).id;
  reads = 0;
  nowMs = Date.parse('2026-03-02T15:00:00Z');
});
afterEach(async () => {
  await database.cleanup();
});

/** Billing's real check, counted. */
function countedRead(businessIdToRead: string): Promise<EntitlementVerdict> {
  reads += 1;
  return checkCallEntitlement({ ctx: { db: database.db }, input: { businessId: businessIdToRead } });
}

describe('CallEntitlements', () => {
  it('reads once for the calls of a burst and again once the reuse window has passed', async () => {
    const entitlements = new CallEntitlements({
      db: database.db,
      now: () => nowMs,
      reuseMs: 2_000,
      read: countedRead,
    });
    const burst = await Promise.all(Array.from({ length: 10 }, () => entitlements.check(businessId)));
    expect(reads).toBe(1);
    expect(burst.every((verdict) => verdict.kind === 'answer')).toBe(true);

    nowMs += 1_999;
    await entitlements.check(businessId);
    expect(reads).toBe(1);
    nowMs += 1;
    await entitlements.check(businessId);
    expect(reads).toBe(2);
  });

  it('does not keep a failed read: the next call reads again', async () => {
    let failNext = true;
    const entitlements = new CallEntitlements({
      db: database.db,
      now: () => nowMs,
      read: (id) => {
        if (failNext) {
          failNext = false;
          reads += 1;
          return Promise.reject(new Error('database unreachable'));
        }
        return countedRead(id);
      },
    });
    await expect(entitlements.check(businessId)).rejects.toThrow('database unreachable');
    await expect(entitlements.check(businessId)).resolves.toMatchObject({ kind: 'answer' });
    expect(reads).toBe(2);
  });

  it('keeps one verdict per business', async () => {
    const other = (await createTestBusiness(database.db)).id;
    const entitlements = new CallEntitlements({ db: database.db, now: () => nowMs, read: countedRead });
    await entitlements.check(businessId);
    await entitlements.check(other);
    await entitlements.check(businessId);
    expect(reads).toBe(2);
  });
});
