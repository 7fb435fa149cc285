import { callContext, endCall, markCallAnswered, startCall, touchLiveCalls } from '@receptionist/domain';
import {
  createTestDatabase,
  createTestReceptionistBusiness,
  type TestDatabase,
} from '@receptionist/domain/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findLiveCall, LIVE_CALL_UNSEEN_AFTER_MS, listLiveCalls } from './live-calls.ts';

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await database.cleanup();
});

async function answeredCall(businessId: string, fromNumber: string) {
  const ctx = callContext(database.db, businessId);
  const call = await startCall({ ctx, input: { channel: 'phone', engine: 'local', fromNumber } });
  await markCallAnswered({ ctx, input: { callId: call.id, engine: 'local' } });
  return call;
}

describe('live calls query', () => {
  it("lists the business's answered, unended calls a voice server still reports, with their server", async () => {
    const { business: a } = await createTestReceptionistBusiness(database.db);
    const { business: b } = await createTestReceptionistBusiness(database.db, { name: 'Other Clinic' });
    const live = await answeredCall(a.id, '+12125550101');
    const ended = await answeredCall(a.id, '+12125550102');
    await endCall({
      ctx: callContext(database.db, a.id),
      input: { callId: ended.id, status: 'completed', endReason: 'caller_hangup' },
    });
    const others = await answeredCall(b.id, '+12125550103');
    const now = live.startedAt + 1_000;
    await touchLiveCalls({
      ctx: { db: database.db, nowMs: now },
      input: { callIds: [live.id, others.id], voiceServerUrl: 'https://voice-2.example.test' },
    });

    const listed = await listLiveCalls(database.db, a.id, now);
    expect(listed).toEqual([
      expect.objectContaining({
        id: live.id,
        fromNumber: '+12125550101',
        voiceServerUrl: 'https://voice-2.example.test',
      }),
    ]);
    expect(await findLiveCall(database.db, a.id, others.id, now)).toBeUndefined();
    expect(await findLiveCall(database.db, a.id, ended.id, now)).toBeUndefined();
    expect((await findLiveCall(database.db, b.id, others.id, now))?.id).toBe(others.id);
  });

  it('drops a call no voice server has reported for the unseen window, as the sweep would', async () => {
    const { business } = await createTestReceptionistBusiness(database.db);
    const call = await answeredCall(business.id, '+12125550104');
    const later = call.startedAt + LIVE_CALL_UNSEEN_AFTER_MS + 1;
    expect(await listLiveCalls(database.db, business.id, later)).toEqual([]);
    await touchLiveCalls({ ctx: { db: database.db, nowMs: later }, input: { callIds: [call.id] } });
    expect((await listLiveCalls(database.db, business.id, later)).map((c) => c.id)).toEqual([call.id]);
  });
});
