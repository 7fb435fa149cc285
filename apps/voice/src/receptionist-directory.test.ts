import { forBusiness } from '@receptionist/db';
import { createTestDatabase, pinnedClock, type TestDatabase } from '@receptionist/db/testing';
import {
  closeDatabase,
  DEMO_BUSINESS_ID,
  DEMO_PHONE_NUMBER,
  loadBusinessProfile,
  openDatabase,
  saveBusinessProfile,
  seedDemoBusiness,
} from '@receptionist/domain';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { receptionistDirectory } from './receptionist-directory.ts';

let test: TestDatabase | undefined;
afterEach(async () => {
  await test?.cleanup();
  test = undefined;
});

describe('the cached business directory', () => {
  it('answers from memory, and sees a profile or number changed by another process within its refresh', async () => {
    test = await createTestDatabase();
    await seedDemoBusiness(test.db);
    const directory = receptionistDirectory(test.db, pinnedClock('2026-03-02T15:00:00Z'), { refreshMs: 50 });
    // Another process (the dashboard) on its own connection.
    const dashboard = await openDatabase({ url: test.url, migrate: false });
    try {
      const call = { callId: 'call_test' };
      expect(await directory.findByPhoneNumber(DEMO_PHONE_NUMBER)).toEqual({ businessId: DEMO_BUSINESS_ID });
      expect(await directory.findByPhoneNumber('+15005550199')).toBeUndefined();
      const before = await directory.load(DEMO_BUSINESS_ID, call);
      // Cached: the same tools, no new load, and what the profile alone decides is built once.
      const again = await directory.load(DEMO_BUSINESS_ID, call);
      expect(again.tools).toBe(before.tools);
      expect(again.brief).toBe(before.brief);
      expect(again.humanLine).toBe(before.humanLine);

      const profile = await loadBusinessProfile(dashboard, DEMO_BUSINESS_ID);
      await saveBusinessProfile(dashboard, DEMO_BUSINESS_ID, { ...profile, greeting: 'Changed greeting.' });
      await forBusiness(dashboard, DEMO_BUSINESS_ID).phoneNumbers.add('+15005550199');

      await expect
        .poll(async () => (await directory.load(DEMO_BUSINESS_ID, call)).greeting, { timeout: 2_000 })
        .toBe('Changed greeting.');
      // The reloaded profile gets its own derived parts: none of the old one's is served with it.
      const reloaded = await directory.load(DEMO_BUSINESS_ID, call);
      expect(reloaded.brief).not.toBe(before.brief);
      expect(reloaded.humanLine).not.toBe(before.humanLine);
      expect(await directory.findByPhoneNumber('+15005550199')).toEqual({ businessId: DEMO_BUSINESS_ID });
    } finally {
      directory.close?.();
      closeDatabase(dashboard);
    }
  });

  it("reads an outbound call's purpose only for a call that may be outbound, never for one that rang in", async () => {
    test = await createTestDatabase();
    await seedDemoBusiness(test.db);
    const directory = receptionistDirectory(test.db, pinnedClock('2026-03-02T15:00:00Z'));
    const execute = vi.spyOn(test.db.$client, 'execute');
    const outboundReads = () =>
      execute.mock.calls.filter((call) => {
        const statement = call[0] as unknown as string | { sql: string };
        return (typeof statement === 'string' ? statement : statement.sql).includes('"outbound_calls"');
      }).length;
    try {
      await directory.load(DEMO_BUSINESS_ID, { callId: 'call_in', direction: 'inbound' });
      await directory.load(DEMO_BUSINESS_ID, { callId: 'call_in', direction: 'inbound' });
      expect(outboundReads()).toBe(0);
      const placed = await directory.load(DEMO_BUSINESS_ID, { callId: 'call_out', direction: 'outbound' });
      expect(outboundReads()).toBe(1);
      // No outbound row for it: the business's own greeting and no purpose.
      expect(placed.purpose).toBeUndefined();
    } finally {
      directory.close?.();
    }
  });
});
