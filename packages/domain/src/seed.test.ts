import {
  closeDatabase,
  findBusinessByPhoneNumber,
  forBusiness,
  listBusinesses,
  openDatabase,
} from '@receptionist/db';
import { createTestDatabase, type TestDatabase } from '@receptionist/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiKey, hashApiKey, verifyApiKey } from './api-keys/index.ts';
import { tenantContext } from './context.ts';
import { DEMO_BUSINESS_ID, DEMO_PHONE_NUMBER, seedDemoBusiness } from './seed.ts';
import { getSettings } from './settings.ts';

let database: TestDatabase;

beforeEach(async () => {
  database = await createTestDatabase();
});

afterEach(async () => {
  await database.cleanup();
});

describe('seedDemoBusiness', () => {
  it('creates Bright Smile Dental once, even when several clients seed at the same time', async () => {
    const other = await openDatabase({ url: database.url });
    try {
      const seeded = await Promise.all([
        seedDemoBusiness(database.db),
        seedDemoBusiness(other),
        seedDemoBusiness(database.db),
      ]);
      expect(new Set(seeded.map((business) => business.id))).toEqual(new Set([DEMO_BUSINESS_ID]));
    } finally {
      closeDatabase(other);
    }
    expect((await listBusinesses(database.db)).length).toBe(1);
    expect((await findBusinessByPhoneNumber(database.db, DEMO_PHONE_NUMBER))?.name).toBe(
      'Bright Smile Dental',
    );
    const services = await forBusiness(database.db, DEMO_BUSINESS_ID).services.list();
    expect(services.map((service) => [service.name, service.durationMinutes, service.priceCents])).toEqual([
      ['Checkup', 30, 8_000],
      ['Cleaning', 60, 12_000],
      ['Whitening', 90, 30_000],
    ]);
    const settings = await getSettings(database.db, DEMO_BUSINESS_ID);
    expect(settings).toMatchObject({
      maxCallMs: 900_000,
      silenceTimeoutMs: 10_000,
      silenceHangupMs: 15_000,
      language: 'en-US',
    });
  });
});

describe('API keys', () => {
  it('stores only the hash, verifies the key once created and refuses it once revoked', async () => {
    const business = await seedDemoBusiness(database.db);
    const { key, apiKey } = await createApiKey({
      ctx: tenantContext(database.db, business.id, { kind: 'system' }),
      input: { name: 'CRM sync' },
    });
    expect(key).toMatch(/^rk_live_[A-Za-z0-9_-]{43}$/);
    const stored = await database.db.$client.execute('select hashed_key, prefix from api_keys');
    expect(stored.rows[0]?.[0]).toBe(hashApiKey(key));
    expect(JSON.stringify(stored.rows)).not.toContain(key);
    expect(await verifyApiKey(database.db, key)).toEqual({ businessId: business.id, apiKeyId: apiKey.id });
    expect(await verifyApiKey(database.db, `${key}x`)).toBeUndefined();
    expect(await verifyApiKey(database.db, 'garbage')).toBeUndefined();
    expect((await forBusiness(database.db, business.id).apiKeys.list())[0]?.lastUsedAt).not.toBeNull();
    await forBusiness(database.db, business.id).apiKeys.revoke(apiKey.id);
    expect(await verifyApiKey(database.db, key)).toBeUndefined();
  });
});
