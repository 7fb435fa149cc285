import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from './client.ts';
import { claimDueJobs } from './jobs.ts';
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
});
