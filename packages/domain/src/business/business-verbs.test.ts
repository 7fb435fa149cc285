import { forBusiness, listBusinessesForUser } from '@receptionist/db';
import {
  createTestDatabase,
  createTestMessage,
  createTestUser,
  type TestDatabase,
} from '@receptionist/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiKey } from '../api-keys/create.ts';
import { revokeApiKey } from '../api-keys/revoke.ts';
import { verifyApiKey } from '../api-keys/verify.ts';
import { tenantContext } from '../context.ts';
import { setMessageHandled } from '../messages/set-handled.ts';
import { connectPhoneNumber } from '../phone-numbers/connect.ts';
import { disconnectPhoneNumber } from '../phone-numbers/disconnect.ts';
import { updateBusinessProfile } from '../profile/update.ts';
import { createTestProfile } from '../testing/index.ts';
import { createBusiness } from './create.ts';

let database: TestDatabase;
let ownerId: string;
let businessId: string;
let otherBusinessId: string;

beforeEach(async () => {
  database = await createTestDatabase();
  ownerId = (await createTestUser(database.db)).id;
  const ctx = { db: database.db, actor: { kind: 'staff', userId: ownerId } } as const;
  businessId = (await createBusiness({ ctx, input: createTestProfile({ name: 'Alpha' }) })).business.id;
  otherBusinessId = (await createBusiness({ ctx, input: createTestProfile({ name: 'Beta' }) })).business.id;
});

afterEach(async () => {
  await database.cleanup();
});

function staff(id = businessId) {
  return tenantContext(database.db, id, { kind: 'staff', userId: ownerId });
}

describe('the dashboard verbs', () => {
  it('creates a business with its creator as owner, and refuses an invalid profile whole', async () => {
    const memberships = await listBusinessesForUser(database.db, ownerId);
    expect(memberships.map((row) => [row.business.name, row.role])).toEqual([
      ['Alpha', 'owner'],
      ['Beta', 'owner'],
    ]);
    await expect(
      createBusiness({
        ctx: { db: database.db, actor: { kind: 'staff', userId: ownerId } },
        input: { name: 'No zone' },
      }),
    ).rejects.toMatchObject({ code: 'invalid_profile' });
    expect(await listBusinessesForUser(database.db, ownerId)).toHaveLength(2);
  });

  it('merges a profile edit over the stored profile and keeps services in step', async () => {
    const saved = await updateBusinessProfile({ ctx: staff(), input: { greeting: 'Hello from Alpha' } });
    expect(saved.greeting).toBe('Hello from Alpha');
    expect(saved.name).toBe('Alpha');
    const row = await forBusiness(database.db, businessId).business.get();
    expect((row?.profile as { greeting?: string } | undefined)?.greeting).toBe('Hello from Alpha');
    await expect(updateBusinessProfile({ ctx: staff(), input: { timeZone: 'Mars/Base' } })).rejects.toThrow();
    expect((await forBusiness(database.db, businessId).business.get())?.timeZone).toBe(row?.timeZone);
  });

  it("marks a message handled, and another business's message is not found", async () => {
    const message = await createTestMessage(database.db, businessId, { reason: 'Call back' });
    expect(
      (await setMessageHandled({ ctx: staff(), input: { messageId: message.id, handled: true } })).handled,
    ).toBe(true);
    await expect(
      setMessageHandled({ ctx: staff(otherBusinessId), input: { messageId: message.id, handled: false } }),
    ).rejects.toMatchObject({ code: 'message_not_found' });
  });

  it('mints a key shown once, verifies it, and revokes it', async () => {
    const { key, apiKey } = await createApiKey({ ctx: staff(), input: { name: 'CRM' } });
    expect(await verifyApiKey(database.db, key)).toEqual({ businessId, apiKeyId: apiKey.id });
    await expect(
      revokeApiKey({ ctx: staff(otherBusinessId), input: { apiKeyId: apiKey.id } }),
    ).rejects.toMatchObject({ code: 'api_key_not_found' });
    expect((await revokeApiKey({ ctx: staff(), input: { apiKeyId: apiKey.id } })).revokedAt).not.toBeNull();
    expect(await verifyApiKey(database.db, key)).toBeUndefined();
  });

  it('connects a number to one business only, and disconnects it', async () => {
    await expect(
      connectPhoneNumber({ ctx: staff(), input: { phoneNumber: '555' }, ownership: { kind: 'operator' } }),
    ).rejects.toMatchObject({ code: 'invalid_phone' });
    const row = await connectPhoneNumber({
      ctx: staff(),
      input: { phoneNumber: '+1 (202) 555-0123' },
      ownership: { kind: 'operator' },
    });
    expect(row.e164).toBe('+12025550123');
    await expect(
      connectPhoneNumber({
        ctx: staff(otherBusinessId),
        input: { phoneNumber: '+12025550123' },
        ownership: { kind: 'operator' },
      }),
    ).rejects.toMatchObject({ code: 'phone_number_taken' });
    await expect(
      disconnectPhoneNumber({ ctx: staff(otherBusinessId), input: { phoneNumberId: row.id } }),
    ).rejects.toMatchObject({ code: 'phone_number_not_found' });
    await disconnectPhoneNumber({ ctx: staff(), input: { phoneNumberId: row.id } });
    expect(await forBusiness(database.db, businessId).phoneNumbers.list()).toEqual([]);
  });
});
