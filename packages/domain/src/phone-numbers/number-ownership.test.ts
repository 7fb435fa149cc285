import { randomBytes } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@receptionist/db/testing';
import { FakeTwilioRestServer } from '@receptionist/telephony/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tenantContext } from '../context.ts';
import { parseSecretsKey } from '../secrets/seal.ts';
import { createTestReceptionistBusiness } from '../testing/index.ts';
import { connectPhoneNumber, type NumberOwnership } from './connect.ts';
import { saveTwilioCredentials } from './twilio-credentials.ts';

const OWNER_ACCOUNT = `AC${'a'.repeat(32)}`;
const OWNER_TOKEN = 'owner-auth-token-0123456789';
const ATTACKER_ACCOUNT = `AC${'b'.repeat(32)}`;
const ATTACKER_TOKEN = 'attacker-auth-token-0123456789';
const VICTIM_NUMBER = '+12025550123';

let database: TestDatabase;
let twilio: FakeTwilioRestServer;
let ownership: NumberOwnership;
let ownerBusinessId: string;
let attackerBusinessId: string;
const secretsKey = parseSecretsKey(randomBytes(32).toString('base64'));

beforeEach(async () => {
  database = await createTestDatabase();
  twilio = await FakeTwilioRestServer.start();
  twilio.incomingNumbers.addAccount(OWNER_ACCOUNT, OWNER_TOKEN, [VICTIM_NUMBER]);
  twilio.incomingNumbers.addAccount(ATTACKER_ACCOUNT, ATTACKER_TOKEN, ['+12025550999']);
  ownership = { kind: 'twilio', twilio: { apiBaseUrl: twilio.url }, secretsKey };
  ownerBusinessId = (await createTestReceptionistBusiness(database.db, { name: 'Owner' })).business.id;
  attackerBusinessId = (await createTestReceptionistBusiness(database.db, { name: 'Attacker' })).business.id;
});

afterEach(async () => {
  await twilio.close();
  await database.cleanup();
});

const staff = (businessId: string) => tenantContext(database.db, businessId, { kind: 'staff', userId: 'u' });

describe('connecting a number needs proof the business owns it', () => {
  it("refuses a number the tenant's own Twilio account does not list, and accepts one it does", async () => {
    await saveTwilioCredentials({
      ctx: staff(attackerBusinessId),
      input: { accountSid: ATTACKER_ACCOUNT, secret: ATTACKER_TOKEN },
      secretsKey,
    });
    await expect(
      connectPhoneNumber({
        ctx: staff(attackerBusinessId),
        input: { phoneNumber: VICTIM_NUMBER },
        ownership,
      }),
    ).rejects.toMatchObject({ code: 'phone_number_not_owned' });
    expect(twilio.incomingNumbers.requests).toEqual([
      { accountSid: ATTACKER_ACCOUNT, phoneNumber: VICTIM_NUMBER, status: 200 },
    ]);

    await saveTwilioCredentials({
      ctx: staff(ownerBusinessId),
      input: { accountSid: OWNER_ACCOUNT, secret: OWNER_TOKEN },
      secretsKey,
    });
    const row = await connectPhoneNumber({
      ctx: staff(ownerBusinessId),
      input: { phoneNumber: VICTIM_NUMBER },
      ownership,
    });
    expect(row).toMatchObject({ e164: VICTIM_NUMBER, businessId: ownerBusinessId, ownershipProof: 'twilio' });
  });

  it('refuses without saved credentials, and with credentials Twilio rejects (20003)', async () => {
    await expect(
      connectPhoneNumber({
        ctx: staff(attackerBusinessId),
        input: { phoneNumber: VICTIM_NUMBER },
        ownership,
      }),
    ).rejects.toMatchObject({ code: 'twilio_credentials_missing' });
    // Claiming the owner's account SID without its token proves nothing.
    await saveTwilioCredentials({
      ctx: staff(attackerBusinessId),
      input: { accountSid: OWNER_ACCOUNT, secret: 'a-guessed-token-0000000' },
      secretsKey,
    });
    await expect(
      connectPhoneNumber({
        ctx: staff(attackerBusinessId),
        input: { phoneNumber: VICTIM_NUMBER },
        ownership,
      }),
    ).rejects.toMatchObject({ code: 'twilio_auth_failed' });
    expect(await staff(attackerBusinessId).tenant.phoneNumbers.list()).toEqual([]);
  });

  it('accepts an API key of the account in place of the auth token', async () => {
    const keySid = `SK${'c'.repeat(32)}`;
    twilio.incomingNumbers.addApiKey(OWNER_ACCOUNT, keySid, 'api-key-secret-0123456789');
    await saveTwilioCredentials({
      ctx: staff(ownerBusinessId),
      input: { accountSid: OWNER_ACCOUNT, apiKeySid: keySid, secret: 'api-key-secret-0123456789' },
      secretsKey,
    });
    const row = await connectPhoneNumber({
      ctx: staff(ownerBusinessId),
      input: { phoneNumber: '+1 (202) 555-0123' },
      ownership,
    });
    expect(row.e164).toBe(VICTIM_NUMBER);
  });

  it('stores the secret sealed, bound to its business', async () => {
    await saveTwilioCredentials({
      ctx: staff(ownerBusinessId),
      input: { accountSid: OWNER_ACCOUNT, secret: OWNER_TOKEN },
      secretsKey,
    });
    const stored = await staff(ownerBusinessId).tenant.twilioAccount.get();
    expect(stored?.secretSealed).not.toContain(OWNER_TOKEN);
    expect(JSON.stringify(stored)).not.toContain(Buffer.from(OWNER_TOKEN).toString('base64'));
    // The sealed row copied to the attacker's business does not open there.
    await staff(attackerBusinessId).tenant.twilioAccount.save({
      accountSid: OWNER_ACCOUNT,
      username: OWNER_ACCOUNT,
      secretSealed: stored?.secretSealed ?? '',
    });
    await expect(
      connectPhoneNumber({
        ctx: staff(attackerBusinessId),
        input: { phoneNumber: VICTIM_NUMBER },
        ownership,
      }),
    ).rejects.toMatchObject({ code: 'twilio_credentials_missing' });
  });

  it('lets the operator approve a number, and one number still routes to one business', async () => {
    await connectPhoneNumber({
      ctx: tenantContext(database.db, ownerBusinessId, { kind: 'system' }),
      input: { phoneNumber: VICTIM_NUMBER },
      ownership: { kind: 'operator' },
    });
    await expect(
      connectPhoneNumber({
        ctx: tenantContext(database.db, attackerBusinessId, { kind: 'system' }),
        input: { phoneNumber: VICTIM_NUMBER },
        ownership: { kind: 'operator' },
      }),
    ).rejects.toMatchObject({ code: 'phone_number_taken' });
  });
});
