import { createTestDatabase, type TestDatabase } from '@receptionist/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestReceptionistBusiness } from '../testing/index.ts';
import { readEndedCall } from './call-ended.ts';
import { enqueueJob } from './enqueue.ts';
import {
  type ClaimedJob,
  claimJobs,
  completeClaimedJob,
  failClaimedJob,
  listDeadLetterJobs,
  reclaimAbandonedJobs,
  renewJobClaim,
} from './queue.ts';

let database: TestDatabase;

beforeEach(async () => {
  database = await createTestDatabase();
});

afterEach(async () => {
  await database.cleanup();
});

const claimInput = { workerId: 'w1', limit: 10, leaseMs: 1_000, maxAttempts: 3 };
const backoff = { baseMs: 100, maxMs: 10_000 };

async function claimOne(nowMs: number, workerId = 'w1'): Promise<ClaimedJob | undefined> {
  const [job] = await claimJobs({ ctx: { db: database.db, nowMs }, input: { ...claimInput, workerId } });
  return job;
}

async function enqueueCallEnded(): Promise<string> {
  const { tenant } = await createTestReceptionistBusiness(database.db);
  const job = await enqueueJob({
    ctx: { tenant, nowMs: 0 },
    input: { kind: 'call.ended', payload: { callId: 'c1' } },
  });
  return job.id;
}

describe('the worker’s job verbs', () => {
  it('retries a failure after a jittered backoff, then dead-letters on the last attempt', async () => {
    const jobId = await enqueueCallEnded();
    const failAt = async (nowMs: number, job: ClaimedJob) =>
      failClaimedJob({
        ctx: { db: database.db, nowMs, random: () => 0.5 },
        input: { lease: job.lease, error: 'HTTP 503', maxAttempts: 3, backoff },
      });
    const first = await claimOne(0);
    expect(first).toMatchObject({ id: jobId, kind: 'call.ended', payload: { callId: 'c1' }, attempt: 1 });
    expect(await failAt(10, first!)).toEqual({ outcome: 'retry', retryAtMs: 10 + 75 });
    expect(await claimOne(84)).toBeUndefined();
    const second = await claimOne(85);
    expect(await failAt(100, second!)).toEqual({ outcome: 'retry', retryAtMs: 100 + 150 });
    const third = await claimOne(250);
    expect(await failAt(300, third!)).toEqual({ outcome: 'dead', reason: 'attempts_exhausted' });
    expect(await claimOne(1_000_000)).toBeUndefined();
    expect(await listDeadLetterJobs({ ctx: { db: database.db } })).toMatchObject([
      { id: jobId, status: 'failed', deadReason: 'attempts_exhausted', lastError: 'HTTP 503', attempts: 3 },
    ]);
  });

  it('dead-letters at once when retrying cannot help', async () => {
    await enqueueCallEnded();
    const job = await claimOne(0);
    expect(
      await failClaimedJob({
        ctx: { db: database.db, nowMs: 1, random: () => 0 },
        input: { lease: job!.lease, error: 'no handler', maxAttempts: 3, deadReason: 'unknown_kind' },
      }),
    ).toEqual({ outcome: 'dead', reason: 'unknown_kind' });
    expect(
      await listDeadLetterJobs({ ctx: { db: database.db }, input: { kind: 'call.ended' } }),
    ).toHaveLength(1);
    expect(await listDeadLetterJobs({ ctx: { db: database.db }, input: { kind: 'other' } })).toEqual([]);
  });

  it('a worker that lost its lease cannot renew, complete or fail the job', async () => {
    await enqueueCallEnded();
    const stale = await claimOne(0, 'w1');
    const ctx = (nowMs: number) => ({ db: database.db, nowMs });
    expect(await renewJobClaim({ ctx: ctx(500), input: { lease: stale!.lease, leaseMs: 1_000 } })).toBe(true);
    const taken = await claimOne(1_501, 'w2');
    expect(taken).toMatchObject({ id: stale!.id, attempt: 2, lease: { workerId: 'w2', attempt: 2 } });
    expect(await renewJobClaim({ ctx: ctx(1_600), input: { lease: stale!.lease, leaseMs: 1_000 } })).toBe(
      false,
    );
    expect(await completeClaimedJob({ ctx: ctx(1_600), input: { lease: stale!.lease } })).toBe(false);
    expect(
      await failClaimedJob({
        ctx: { ...ctx(1_600), random: () => 0 },
        input: { lease: stale!.lease, error: 'late', maxAttempts: 3 },
      }),
    ).toEqual({ outcome: 'lease_lost' });
    expect(await completeClaimedJob({ ctx: ctx(1_700), input: { lease: taken!.lease } })).toBe(true);
  });

  it('dead-letters a job whose worker died on its last attempt', async () => {
    const jobId = await enqueueCallEnded();
    await claimOne(0, 'w1');
    await claimOne(1_001, 'w2');
    await claimOne(2_002, 'w3');
    expect(await claimOne(3_003, 'w4')).toBeUndefined();
    const dead = await reclaimAbandonedJobs({
      ctx: { db: database.db, nowMs: 3_003 },
      input: { maxAttempts: 3 },
    });
    expect(dead).toMatchObject([{ id: jobId, deadReason: 'attempts_exhausted' }]);
  });
});

describe('readEndedCall', () => {
  it('reads the call scoped to the job’s business, or nothing when it is gone', async () => {
    const { business, tenant } = await createTestReceptionistBusiness(database.db);
    const call = await tenant.calls.create({
      channel: 'browser',
      engine: 'local',
      status: 'in_progress',
      startedAt: 0,
    });
    await tenant.calls.appendTurn(call.id, { role: 'caller', text: 'Hello' });
    await tenant.calls.end(call.id, { status: 'completed', endReason: 'caller_hangup', endedAt: 4_000 });
    const ctx = { db: database.db };
    expect(await readEndedCall({ ctx, input: { businessId: business.id, callId: call.id } })).toEqual({
      callId: call.id,
      status: 'completed',
      outcome: null,
      durationMs: 4_000,
      turns: 1,
      toolCalls: 0,
      hasSummary: false,
    });
    const other = await createTestReceptionistBusiness(database.db);
    expect(
      await readEndedCall({ ctx, input: { businessId: other.business.id, callId: call.id } }),
    ).toBeUndefined();
  });
});
