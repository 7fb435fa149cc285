import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createClient } from '@libsql/client';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from './client.ts';
import { streamTokens } from './schema/index.ts';
import { createTestDatabase, type TestDatabase } from './testing/index.ts';

let test: TestDatabase | undefined;
afterEach(async () => {
  await test?.cleanup();
  test = undefined;
});

/** Another writer on the same file (as the dashboard or an admin shell would be): its own connection. */
async function holdWriteLock(url: string) {
  const other = createClient({ url });
  const tx = await other.transaction('write');
  await tx.execute("insert into stream_tokens (id, expires_at, used_at) values ('held', 1, 1)");
  return {
    release: async () => {
      await tx.commit();
      other.close();
    },
  };
}

describe('a write that meets another connection holding the write lock', () => {
  it('waits on timers, not inside SQLite: the event loop stays free, and the write lands after release', async () => {
    test = await createTestDatabase();
    const holder = await holdWriteLock(test.url);
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const write = test.db.$client.execute(
      "insert into stream_tokens (id, expires_at, used_at) values ('waiting', 1, 1)",
    );
    const transaction = test.db.transaction(async (tx) => {
      await tx.insert(streamTokens).values({ id: 'in_tx', expiresAt: 1, usedAt: 1 });
    });
    await new Promise((resolve) => setTimeout(resolve, 600));
    await holder.release();
    await Promise.all([write, transaction]);
    delay.disable();
    // Before the fix each write slept inside SQLite for the whole hold (600 ms here, 5–9.5 s in the probe).
    expect(delay.max / 1e6).toBeLessThan(150);
    const count = await test.db.$client.execute('select count(*) from stream_tokens');
    expect(Number(count.rows[0]?.[0])).toBe(3);
  });

  it('gives up with a busy error once its budget is spent', async () => {
    test = await createTestDatabase();
    const db = await openDatabase({ url: test.url, busyTimeoutMs: 200 });
    const holder = await holdWriteLock(test.url);
    try {
      const started = performance.now();
      await expect(
        db.$client.execute("insert into stream_tokens (id, expires_at, used_at) values ('late', 1, 1)"),
      ).rejects.toMatchObject({ code: 'busy' });
      const waited = performance.now() - started;
      expect(waited).toBeGreaterThanOrEqual(190);
      expect(waited).toBeLessThan(1_000);
    } finally {
      await holder.release();
      closeDatabase(db);
    }
  });
});
