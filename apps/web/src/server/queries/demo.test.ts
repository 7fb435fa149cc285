import { DEMO_BUSINESS_ID, seedDemoBusiness } from '@receptionist/domain';
import {
  createTestDatabase,
  createTestReceptionistBusiness,
  type TestDatabase,
} from '@receptionist/domain/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDemoBusiness } from './demo.ts';

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await database.cleanup();
});

describe('loadDemoBusiness', () => {
  it('is undefined on an install without the seeded demo, whatever other businesses exist', async () => {
    await createTestReceptionistBusiness(database.db);
    expect(await loadDemoBusiness(database.db)).toBeUndefined();
  });

  it('names the seeded demo business', async () => {
    await seedDemoBusiness(database.db);
    expect(await loadDemoBusiness(database.db)).toEqual({
      id: DEMO_BUSINESS_ID,
      name: 'Bright Smile Dental',
    });
  });
});
