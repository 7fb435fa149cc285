import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from './client.ts';
import { claimDueJobs, completeJob, failJob, requeueStuckJobs } from './jobs.ts';
import { forBusiness } from './tenant/index.ts';
import { createTestBusiness, createTestDatabase, type TestDatabase } from './testing/index.ts';

let database: TestDatabase;

beforeEach(async () => {
  database = await createTestDatabase();
});

afterEach(async () => {
  await database.cleanup();
});

describe('jobs', () => {
  it('hands each due job to exactly one of two concurrent workers, oldest first', async () => {
    const business = await createTestBusiness(database.db);
    const tenant = forBusiness(database.db, business.id);
    for (let index = 0; index < 6; index += 1)
      await tenant.jobs.enqueue({ kind: 'summary', payload: { index }, runAt: 1_000 + index });
    await tenant.jobs.enqueue({ kind: 'summary', payload: { later: true }, runAt: 99_000 });
    const other = await openDatabase({ url: database.url });
    try {
      const [first, second] = await Promise.all([
        claimDueJobs(database.db, { limit: 4, atMs: 10_000 }),
        claimDueJobs(other, { limit: 4, atMs: 10_000 }),
      ]);
      const claimed = [...first!, ...second!];
      expect(claimed).toHaveLength(6);
      expect(new Set(claimed.map((job) => job.id)).size).toBe(6);
      expect(claimed.every((job) => job.status === 'running' && job.attempts === 1)).toBe(true);
      expect(await claimDueJobs(database.db, { atMs: 10_000 })).toEqual([]);
    } finally {
      closeDatabase(other);
    }
  });

  it('retries failures with backoff, gives up after the last attempt, and requeues stuck jobs', async () => {
    const business = await createTestBusiness(database.db);
    const job = await forBusiness(database.db, business.id).jobs.enqueue({
      kind: 'webhook',
      payload: {},
      runAt: 0,
    });
    const [claimed] = await claimDueJobs(database.db, { atMs: 1_000 });
    const retried = await failJob(database.db, claimed!.id, {
      error: 'HTTP 503',
      maxAttempts: 2,
      atMs: 1_000,
    });
    expect(retried).toMatchObject({ status: 'queued', runAt: 31_000, lastError: 'HTTP 503' });
    expect(await claimDueJobs(database.db, { atMs: 2_000 })).toEqual([]);
    await claimDueJobs(database.db, { atMs: 31_000 });
    expect(await failJob(database.db, job.id, { error: 'HTTP 503', maxAttempts: 2 })).toMatchObject({
      status: 'failed',
    });

    const next = await forBusiness(database.db, business.id).jobs.enqueue({
      kind: 'summary',
      payload: {},
      runAt: 0,
    });
    await claimDueJobs(database.db, { atMs: 5_000 });
    expect(await requeueStuckJobs(database.db, Date.now() + 1)).toBe(1);
    const [again] = await claimDueJobs(database.db);
    expect(again?.id).toBe(next.id);
    expect((await completeJob(database.db, next.id)).status).toBe('done');
  });
});
