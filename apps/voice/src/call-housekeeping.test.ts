import { callContext, startCall } from '@receptionist/domain';
import { createTestBusiness, createTestDatabase, tenantFixture } from '@receptionist/domain/testing';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { startCallHousekeeping } from './call-housekeeping.ts';

describe('call housekeeping in the voice server', () => {
  it('closes a call left ringing by a stream that never connected, and survives a failing sweep', async () => {
    const test = await createTestDatabase();
    const business = await createTestBusiness(test.db);
    const call = await startCall({
      ctx: callContext(test.db, business.id),
      input: { channel: 'phone', twilioCallSid: 'CA01', fromNumber: '+12125550123', engine: 'local' },
    });
    let nowMs = call.startedAt + 10_000;
    const housekeeping = startCallHousekeeping({
      db: test.db,
      now: () => nowMs,
      logger: pino({ level: 'silent' }),
      intervalMs: 3_600_000,
    });
    try {
      await housekeeping.runOnce();
      expect((await tenantFixture(test.db, business.id).calls.get(call.id))?.status).toBe('ringing');
      nowMs = call.startedAt + 5 * 60_000;
      await housekeeping.runOnce();
      expect(await tenantFixture(test.db, business.id).calls.get(call.id)).toMatchObject({
        status: 'failed',
        endReason: 'stream_never_connected',
      });
    } finally {
      housekeeping.stop();
      await test.cleanup();
    }
    // The database is gone: the sweep logs and returns instead of crashing the server.
    await expect(housekeeping.runOnce()).resolves.toBeUndefined();
  });
});
