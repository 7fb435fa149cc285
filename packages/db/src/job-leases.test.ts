import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  completeLeasedJob,
  deadLetterAbandonedJobs,
  failLeasedJob,
  type JobLease,
  listJobs,
  renewJobLease,
} from './job-leases.ts';
import { claimDueJobs } from './jobs.ts';
import type { JobRow } from './schema/index.ts';
import { forBusiness } from './tenant/index.ts';
import { createTestBusiness, createTestDatabase, type TestDatabase } from './testing/index.ts';

let database: TestDatabase;

beforeEach(async () => {
  database = await createTestDatabase();
});

afterEach(async () => {
  await database.cleanup();
});

function leaseOf(job: JobRow): JobLease {
  return { jobId: job.id, workerId: job.lockedBy ?? '', attempt: job.attempts };
}

async function enqueueOne(kind = 'summary'): Promise<JobRow> {
  const business = await createTestBusiness(database.db);
  return forBusiness(database.db, business.id).jobs.enqueue({ kind, payload: {}, runAt: 0 });
}

describe('job leases', () => {
  it('a claim records its worker and lease; renewing extends it only for the holder', async () => {
    await enqueueOne();
    const [claimed] = await claimDueJobs(database.db, { atMs: 1_000, workerId: 'w1', leaseMs: 5_000 });
    expect(claimed).toMatchObject({ status: 'running', lockedBy: 'w1', leaseUntil: 6_000, attempts: 1 });
    const lease = leaseOf(claimed!);
    expect(await renewJobLease(database.db, lease, { leaseUntil: 9_000, atMs: 4_000 })).toBe(true);
    expect(
      await renewJobLease(database.db, { ...lease, workerId: 'w2' }, { leaseUntil: 9_999, atMs: 4_000 }),
    ).toBe(false);
    // Still leased at 8 999: nobody can take it.
    expect(await claimDueJobs(database.db, { atMs: 8_999, workerId: 'w2' })).toEqual([]);
    const [row] = await listJobs(database.db);
    expect(row?.leaseUntil).toBe(9_000);
  });

  it('reclaims an expired lease, and the old worker can no longer renew, complete or fail that job', async () => {
    await enqueueOne();
    const [first] = await claimDueJobs(database.db, { atMs: 1_000, workerId: 'w1', leaseMs: 5_000 });
    const [second] = await claimDueJobs(database.db, { atMs: 6_001, workerId: 'w2', leaseMs: 5_000 });
    expect(second).toMatchObject({ id: first!.id, lockedBy: 'w2', attempts: 2, leaseUntil: 11_001 });

    const stale = leaseOf(first!);
    expect(await renewJobLease(database.db, stale, { leaseUntil: 20_000, atMs: 7_000 })).toBe(false);
    expect(await completeLeasedJob(database.db, stale, { atMs: 7_000 })).toBeUndefined();
    expect(
      await failLeasedJob(database.db, stale, { error: 'late', atMs: 7_000, deadReason: 'permanent_error' }),
    ).toBeUndefined();
    const [running] = await listJobs(database.db);
    expect(running).toMatchObject({ status: 'running', lockedBy: 'w2', lastError: null });

    const done = await completeLeasedJob(database.db, leaseOf(second!), { atMs: 8_000 });
    expect(done).toMatchObject({ status: 'done', lockedBy: null, leaseUntil: null });
    // Done once: the old worker finishing even later changes nothing.
    expect(await completeLeasedJob(database.db, stale, { atMs: 9_000 })).toBeUndefined();
    expect(await completeLeasedJob(database.db, leaseOf(second!), { atMs: 9_000 })).toBeUndefined();
  });

  it('the same worker reclaiming its own expired job fences its earlier run by attempt', async () => {
    await enqueueOne();
    const [first] = await claimDueJobs(database.db, { atMs: 0, workerId: 'w1', leaseMs: 10 });
    const [again] = await claimDueJobs(database.db, { atMs: 11, workerId: 'w1', leaseMs: 10 });
    expect(again?.attempts).toBe(2);
    expect(await completeLeasedJob(database.db, leaseOf(first!), { atMs: 12 })).toBeUndefined();
    expect(await completeLeasedJob(database.db, leaseOf(again!), { atMs: 12 })).toMatchObject({
      status: 'done',
    });
  });

  it('a failed run is requeued at the given time or dead-lettered with a reason, and listed', async () => {
    const retried = await enqueueOne('webhook');
    const [claimed] = await claimDueJobs(database.db, { atMs: 1_000, workerId: 'w1' });
    expect(
      await failLeasedJob(database.db, leaseOf(claimed!), {
        error: 'HTTP 503',
        atMs: 1_000,
        retryAtMs: 4_000,
      }),
    ).toMatchObject({
      id: retried.id,
      status: 'queued',
      runAt: 4_000,
      lastError: 'HTTP 503',
      lockedBy: null,
    });
    expect(await claimDueJobs(database.db, { atMs: 3_999, workerId: 'w1' })).toEqual([]);
    const [again] = await claimDueJobs(database.db, { atMs: 4_000, workerId: 'w1' });
    expect(
      await failLeasedJob(database.db, leaseOf(again!), {
        error: 'no handler for kind "webhook"',
        atMs: 4_000,
        deadReason: 'unknown_kind',
      }),
    ).toMatchObject({ status: 'failed', deadReason: 'unknown_kind', runAt: 4_000 });
    expect(await claimDueJobs(database.db, { atMs: 1_000_000, workerId: 'w1' })).toEqual([]);
    expect(await listJobs(database.db, { status: 'failed' })).toMatchObject([{ id: retried.id }]);
    expect(await listJobs(database.db, { status: 'queued' })).toEqual([]);
  });

  it('a job whose worker died on its last attempt is dead-lettered, not reclaimed', async () => {
    const job = await enqueueOne();
    await claimDueJobs(database.db, { atMs: 0, workerId: 'w1', leaseMs: 10, maxAttempts: 2 });
    await claimDueJobs(database.db, { atMs: 11, workerId: 'w2', leaseMs: 10, maxAttempts: 2 });
    // Attempt 2 of 2 expired: no third run.
    expect(await claimDueJobs(database.db, { atMs: 22, workerId: 'w3', maxAttempts: 2 })).toEqual([]);
    expect(await deadLetterAbandonedJobs(database.db, { atMs: 20, maxAttempts: 2 })).toEqual([]);
    const dead = await deadLetterAbandonedJobs(database.db, { atMs: 22, maxAttempts: 2 });
    expect(dead).toMatchObject([{ id: job.id, status: 'failed', deadReason: 'attempts_exhausted' }]);
  });
});
