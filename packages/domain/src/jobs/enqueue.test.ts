import { createTestDatabase, type TestDatabase } from '@receptionist/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { createTestReceptionistBusiness } from '../testing/index.ts';
import { enqueueJob } from './enqueue.ts';
import { JOB_KINDS, parseJobPayload } from './kinds.ts';

let database: TestDatabase;

beforeEach(async () => {
  database = await createTestDatabase();
});

afterEach(async () => {
  await database.cleanup();
});

describe('enqueueJob', () => {
  it('queues a known kind with its parsed payload, due now unless told otherwise', async () => {
    const { tenant } = await createTestReceptionistBusiness(database.db);
    const ctx = { tenant, nowMs: 5_000 };
    const now = await enqueueJob({
      ctx,
      input: { kind: JOB_KINDS.callEnded, payload: { callId: 'call_1' } },
    });
    expect(now).toMatchObject({
      kind: 'call.ended',
      payload: { callId: 'call_1' },
      status: 'queued',
      runAt: 5_000,
    });
    const later = await enqueueJob({
      ctx,
      input: { kind: 'call.ended', payload: { callId: 'call_2' }, runAt: 9_000 },
    });
    expect(later.runAt).toBe(9_000);
    expect(await tenant.jobs.list()).toHaveLength(2);
  });

  it('enqueues inside the caller’s transaction, so a rolled-back call end leaves no job', async () => {
    const { tenant } = await createTestReceptionistBusiness(database.db);
    await expect(
      tenant.transaction(async (tx) => {
        await enqueueJob({
          ctx: { tenant: tx, nowMs: 0 },
          input: { kind: 'call.ended', payload: { callId: 'c' } },
        });
        throw new Error('call end failed');
      }),
    ).rejects.toThrow('call end failed');
    expect(await tenant.jobs.list()).toEqual([]);
  });

  it('refuses an unknown kind and a payload that does not fit its kind, writing nothing', async () => {
    const { tenant } = await createTestReceptionistBusiness(database.db);
    const ctx = { tenant, nowMs: 0 };
    await expect(
      enqueueJob({ ctx, input: { kind: 'call.summarise' as 'call.ended', payload: { callId: 'c' } } }),
    ).rejects.toBeInstanceOf(ZodError);
    await expect(enqueueJob({ ctx, input: { kind: 'call.ended', payload: { callId: '' } } })).rejects.toThrow(
      /payload/,
    );
    expect(await tenant.jobs.list()).toEqual([]);
  });
});

describe('parseJobPayload', () => {
  it('explains what is wrong with a payload', () => {
    expect(parseJobPayload('call.ended', { callId: 'call_1' })).toEqual({
      ok: true,
      payload: { callId: 'call_1' },
    });
    const bad = parseJobPayload('call.ended', {});
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toMatch(/^invalid call\.ended payload: callId:/);
  });
});
