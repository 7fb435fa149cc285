import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBusiness, createTestDatabase, type TestDatabase } from '../testing/index.ts';
import { forBusiness } from './index.ts';

let database: TestDatabase;

beforeEach(async () => {
  database = await createTestDatabase();
});

afterEach(async () => {
  await database.cleanup();
});

/** A write inside `tenant.transaction` that then fails; the error is caught so the outer work goes on. */
async function failedInnerWrite(tenant: ReturnType<typeof forBusiness>): Promise<void> {
  await tenant
    .transaction(async (inner) => {
      await inner.jobs.enqueue({ kind: 'summary', payload: { inner: true }, runAt: 1 });
      throw new Error('refused after the write');
    })
    .catch(() => undefined);
}

describe('tenant transactions inside an enclosing one', () => {
  it('roll back alone by default (a savepoint), so the enclosing transaction commits without them', async () => {
    const business = await createTestBusiness(database.db);
    await database.db.transaction(async (tx) => {
      await failedInnerWrite(forBusiness(tx, business.id));
    });
    expect(await forBusiness(database.db, business.id).jobs.list()).toEqual([]);
  });

  it('run inline when the enclosing transaction is declared, leaving its rollback to its owner', async () => {
    const business = await createTestBusiness(database.db);
    // Inline: no savepoint undid the inner write, so an owner that committed anyway keeps it...
    await database.db.transaction(async (tx) => {
      await failedInnerWrite(forBusiness(tx, business.id, { enclosedInTransaction: true }));
    });
    expect(await forBusiness(database.db, business.id).jobs.list()).toHaveLength(1);
    // ...and an owner that rolls back on the failure (the call-log outbox does) undoes all of it.
    const other = await createTestBusiness(database.db, { name: 'Other' });
    await database.db
      .transaction(async (tx) => {
        await forBusiness(tx, other.id, { enclosedInTransaction: true }).transaction(async (inner) => {
          await inner.jobs.enqueue({ kind: 'summary', payload: {}, runAt: 1 });
          throw new Error('refused after the write');
        });
      })
      .catch(() => undefined);
    expect(await forBusiness(database.db, other.id).jobs.list()).toEqual([]);
  });
});
