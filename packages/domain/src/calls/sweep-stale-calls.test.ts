import { claimStreamToken, forBusiness } from '@receptionist/db';
import { createTestBusiness, createTestDatabase, type TestDatabase } from '@receptionist/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JOB_KINDS } from '../jobs/kinds.ts';
import { callContext } from './context.ts';
import { markCallAnswered } from './mark-call-answered.ts';
import { startCall } from './start-call.ts';
import { NEVER_CONNECTED_AFTER_MS, sweepStaleCalls } from './sweep-stale-calls.ts';

let test: TestDatabase;
let businessId: string;

beforeEach(async () => {
  test = await createTestDatabase();
  businessId = (await createTestBusiness(test.db)).id;
});
afterEach(async () => {
  await test.cleanup();
});

function ring(callSid: string) {
  return startCall({
    ctx: callContext(test.db, businessId),
    input: { channel: 'phone', twilioCallSid: callSid, fromNumber: '+12125550123', engine: 'local' },
  });
}

describe('sweepStaleCalls', () => {
  it('closes a call whose stream never connected once its token can no longer be used, and only that one', async () => {
    const neverStreamed = await ring('CA01');
    const answered = await ring('CA02');
    await markCallAnswered({
      ctx: callContext(test.db, businessId),
      input: { callId: answered.id, engine: 'local' },
    });
    const early = await sweepStaleCalls({ ctx: { db: test.db, nowMs: neverStreamed.startedAt + 30_000 } });
    expect(early.closedCallIds).toEqual([]);

    const sweepAt = neverStreamed.startedAt + NEVER_CONNECTED_AFTER_MS + 1_000;
    const swept = await sweepStaleCalls({ ctx: { db: test.db, nowMs: sweepAt } });
    expect(swept.closedCallIds).toEqual([neverStreamed.id]);
    const calls = forBusiness(test.db, businessId).calls;
    expect(await calls.get(neverStreamed.id)).toMatchObject({
      status: 'failed',
      endReason: 'stream_never_connected',
      endedAt: sweepAt,
    });
    expect((await calls.get(answered.id))?.status).toBe('in_progress');
    const jobs = await forBusiness(test.db, businessId).jobs.list();
    expect(jobs.filter((job) => job.kind === JOB_KINDS.callEnded).map((job) => job.payload)).toEqual([
      { callId: neverStreamed.id },
    ]);
    // Idempotent: a second sweep finds nothing more.
    expect((await sweepStaleCalls({ ctx: { db: test.db, nowMs: sweepAt + 60_000 } })).closedCallIds).toEqual(
      [],
    );
  });

  it('purges the use records of expired stream tokens and keeps the live ones', async () => {
    const nowMs = Date.parse('2030-01-07T15:00:00Z');
    expect(await claimStreamToken(test.db, 'tok_expired', nowMs - 1_000)).toBe(true);
    expect(await claimStreamToken(test.db, 'tok_live', nowMs + 30_000)).toBe(true);
    const swept = await sweepStaleCalls({ ctx: { db: test.db, nowMs } });
    expect(swept.purgedTokens).toBe(1);
    // The live token stays single-use.
    expect(await claimStreamToken(test.db, 'tok_live', nowMs + 30_000)).toBe(false);
  });
});
