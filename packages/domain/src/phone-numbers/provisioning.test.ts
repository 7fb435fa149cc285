import { randomBytes } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@receptionist/db/testing';
import { createTwilioNumbersApi } from '@receptionist/telephony/rest';
import { FakeTwilioRestServer } from '@receptionist/telephony/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tenantContext } from '../context.ts';
import { parseSecretsKey } from '../secrets/seal.ts';
import { createTestReceptionistBusiness } from '../testing/index.ts';
import { listAccountNumbers } from './account-numbers.ts';
import { attachPhoneNumber, buyPhoneNumber } from './provision-numbers.ts';
import { releasePhoneNumber } from './release-number.ts';
import { searchAvailableNumbers } from './search-numbers.ts';
import { connectTwilioAccount, describeTwilioAccount, disconnectTwilioAccount } from './twilio-account.ts';
import type { NumberProvisioning } from './twilio-numbers-port.ts';

const ACCOUNT = `AC${'1'.repeat(32)}`;
const TOKEN = 'owner-auth-token-0123456789';
const OTHER_ACCOUNT = `AC${'2'.repeat(32)}`;
const OTHER_TOKEN = 'other-auth-token-0123456789';
const PUBLIC_URL = 'https://voice.example.com';
const OURS = {
  voiceUrl: `${PUBLIC_URL}/twilio/voice`,
  voiceMethod: 'POST',
  statusCallback: `${PUBLIC_URL}/twilio/status`,
  statusCallbackMethod: 'POST',
  smsUrl: `${PUBLIC_URL}/twilio/sms`,
  smsMethod: 'POST',
};

let database: TestDatabase;
let twilio: FakeTwilioRestServer;
let provisioning: NumberProvisioning;
let businessId: string;
let otherBusinessId: string;

beforeEach(async () => {
  database = await createTestDatabase();
  twilio = await FakeTwilioRestServer.start();
  twilio.incomingNumbers.addAccount(ACCOUNT, TOKEN, ['+14155550100']);
  twilio.incomingNumbers.addAccount(OTHER_ACCOUNT, OTHER_TOKEN);
  twilio.numberProvisioning.inventory.push(
    { phoneNumber: '+14155550123', isoCountry: 'US', type: 'local', locality: 'San Francisco', region: 'CA' },
    { phoneNumber: '+14155557777', isoCountry: 'US', type: 'local', locality: 'San Francisco', region: 'CA' },
    { phoneNumber: '+12125550188', isoCountry: 'US', type: 'local', locality: 'New York', region: 'NY' },
    { phoneNumber: '+18885550100', isoCountry: 'US', type: 'toll_free' },
  );
  provisioning = {
    twilio: createTwilioNumbersApi({ apiBaseUrl: twilio.url }),
    secretsKey: parseSecretsKey(randomBytes(32).toString('base64')),
    publicUrl: PUBLIC_URL,
  };
  businessId = (await createTestReceptionistBusiness(database.db, { name: 'Owner' })).business.id;
  otherBusinessId = (await createTestReceptionistBusiness(database.db, { name: 'Other' })).business.id;
});

afterEach(async () => {
  await twilio.close();
  await database.cleanup();
});

const staff = (id = businessId) => tenantContext(database.db, id, { kind: 'staff', userId: 'u' });
const connect = (id = businessId, accountSid = ACCOUNT, secret = TOKEN) =>
  connectTwilioAccount({ ctx: staff(id), input: { accountSid, secret }, provisioning });
const ownedOnTwilio = (phoneNumber: string, accountSid = ACCOUNT) =>
  twilio.incomingNumbers.numbersOf(accountSid).find((number) => number.phoneNumber === phoneNumber);

describe('connecting a Twilio account', () => {
  it('saves the credentials only after Twilio accepts them', async () => {
    await expect(connect(businessId, ACCOUNT, 'a-wrong-token-00000000')).rejects.toMatchObject({
      code: 'twilio_auth_failed',
    });
    expect(await staff().tenant.twilioAccount.get()).toBeUndefined();

    const account = await connect();
    expect(account).toMatchObject({ accountSid: ACCOUNT, status: 'active', ownerAccountSid: undefined });
    expect(await describeTwilioAccount({ ctx: staff(), provisioning })).toMatchObject({
      accountSid: ACCOUNT,
      apiKeySid: undefined,
      live: { accountSid: ACCOUNT, status: 'active' },
    });
  });

  it('accepts an API key, and a subaccount (with its own token or the parent key)', async () => {
    const keySid = `SK${'3'.repeat(32)}`;
    twilio.incomingNumbers.addApiKey(ACCOUNT, keySid, 'api-key-secret-0123456789');
    const sub = `AC${'4'.repeat(32)}`;
    twilio.incomingNumbers.addAccount(sub, 'sub-auth-token-0123456789', [], { ownerAccountSid: ACCOUNT });

    await connectTwilioAccount({
      ctx: staff(),
      input: { accountSid: sub, apiKeySid: keySid, secret: 'api-key-secret-0123456789' },
      provisioning,
    });
    expect(await describeTwilioAccount({ ctx: staff(), provisioning })).toMatchObject({
      accountSid: sub,
      apiKeySid: keySid,
      live: { ownerAccountSid: ACCOUNT },
    });
    await connect(otherBusinessId, sub, 'sub-auth-token-0123456789');
    // Another account's key opens nothing here.
    await expect(
      connectTwilioAccount({
        ctx: staff(otherBusinessId),
        input: { accountSid: OTHER_ACCOUNT, apiKeySid: keySid, secret: 'api-key-secret-0123456789' },
        provisioning,
      }),
    ).rejects.toMatchObject({ code: 'twilio_not_found' });
  });

  it('refuses a suspended account, and disconnecting forgets the credentials', async () => {
    const suspended = `AC${'5'.repeat(32)}`;
    twilio.incomingNumbers.addAccount(suspended, 'suspended-token-0123456789', [], { status: 'suspended' });
    await expect(connect(businessId, suspended, 'suspended-token-0123456789')).rejects.toMatchObject({
      code: 'twilio_account_inactive',
    });
    await connect();
    await disconnectTwilioAccount({ ctx: staff() });
    expect(await describeTwilioAccount({ ctx: staff(), provisioning })).toBeUndefined();
    await expect(
      searchAvailableNumbers({ ctx: staff(), input: { country: 'US' }, provisioning }),
    ).rejects.toMatchObject({ code: 'twilio_credentials_missing' });
  });
});

describe('searching and buying numbers', () => {
  it('searches by area code, pattern and type, with the monthly price', async () => {
    await connect();
    const byArea = await searchAvailableNumbers({
      ctx: staff(),
      input: { country: 'us', areaCode: '415' },
      provisioning,
    });
    expect(byArea.map((offer) => offer.phoneNumber)).toEqual(['+14155550123', '+14155557777']);
    expect(byArea[0]).toMatchObject({
      locality: 'San Francisco',
      type: 'local',
      monthlyPrice: { amount: '1.15', currency: 'USD' },
    });
    const byPattern = await searchAvailableNumbers({
      ctx: staff(),
      input: { country: 'US', contains: '7777' },
      provisioning,
    });
    expect(byPattern.map((offer) => offer.phoneNumber)).toEqual(['+14155557777']);
    const tollFree = await searchAvailableNumbers({
      ctx: staff(),
      input: { country: 'US', type: 'toll_free' },
      provisioning,
    });
    expect(tollFree).toMatchObject([
      { phoneNumber: '+18885550100', monthlyPrice: { amount: '2.15', currency: 'USD' } },
    ]);
    const search = twilio.numberProvisioning.requests.find((request) => request.operation === 'search');
    expect(search?.params).toMatchObject({ AreaCode: '415', VoiceEnabled: 'true' });
  });

  it('buys a number with our voice, status and SMS webhooks and routes it to the business', async () => {
    await connect();
    const row = await buyPhoneNumber({
      ctx: staff(),
      input: { phoneNumber: '+14155550123', label: 'Front desk' },
      provisioning,
    });
    expect(row).toMatchObject({
      e164: '+14155550123',
      businessId,
      ownershipProof: 'twilio',
      label: 'Front desk',
    });
    expect(ownedOnTwilio('+14155550123')).toMatchObject({ ...OURS, friendlyName: 'Front desk' });
    expect(twilio.numberProvisioning.inventory.map((number) => number.phoneNumber)).not.toContain(
      '+14155550123',
    );
    const listed = await listAccountNumbers({ ctx: staff(), provisioning });
    expect(listed.find((number) => number.e164 === '+14155550123')).toMatchObject({
      phoneNumberId: row.id,
      webhooks: 'ours',
    });
    // Bought already: Twilio no longer sells it.
    await expect(
      buyPhoneNumber({ ctx: staff(otherBusinessId), input: { phoneNumber: '+14155550123' }, provisioning }),
    ).rejects.toMatchObject({ code: 'twilio_credentials_missing' });
    await connect(otherBusinessId, OTHER_ACCOUNT, OTHER_TOKEN);
    await expect(
      buyPhoneNumber({ ctx: staff(otherBusinessId), input: { phoneNumber: '+14155550123' }, provisioning }),
    ).rejects.toMatchObject({ code: 'twilio_number_unavailable' });
  });

  it("maps Twilio's errors to domain codes and stores nothing", async () => {
    await connect();
    const cases = [
      { status: 400, code: 21452, expected: 'twilio_number_unavailable' },
      { status: 400, code: 21422, expected: 'twilio_number_unavailable' },
      { status: 400, code: 21421, expected: 'twilio_number_invalid' },
      { status: 429, code: 20429, expected: 'twilio_rate_limited' },
      { status: 503, code: 20503, expected: 'twilio_unreachable' },
      { status: 401, code: 20003, expected: 'twilio_auth_failed' },
      { status: 400, code: 21631, expected: 'twilio_refused' },
    ];
    for (const { status, code, expected } of cases) {
      twilio.numberProvisioning.failNext({ status, code, message: `error ${code}`, operation: 'buy' });
      await expect(
        buyPhoneNumber({ ctx: staff(), input: { phoneNumber: '+14155550123' }, provisioning }),
      ).rejects.toMatchObject({ code: expected, details: { twilioStatus: status, twilioCode: code } });
    }
    expect(await staff().tenant.phoneNumbers.list()).toEqual([]);
    expect(ownedOnTwilio('+14155550123')).toBeUndefined();
    // A Twilio that cannot be reached at all.
    const unreachable = {
      ...provisioning,
      twilio: createTwilioNumbersApi({ apiBaseUrl: 'http://127.0.0.1:9' }),
    };
    await expect(
      searchAvailableNumbers({ ctx: staff(), input: { country: 'US' }, provisioning: unreachable }),
    ).rejects.toMatchObject({ code: 'twilio_unreachable' });
  });

  it('needs a public URL to point the webhooks at', async () => {
    await connect();
    await expect(
      buyPhoneNumber({
        ctx: staff(),
        input: { phoneNumber: '+14155550123' },
        provisioning: { ...provisioning, publicUrl: undefined },
      }),
    ).rejects.toMatchObject({ code: 'twilio_webhooks_unavailable' });
    expect(twilio.numberProvisioning.requests.filter((r) => r.operation === 'buy')).toEqual([]);
  });
});

describe('attaching and releasing numbers', () => {
  it("attaches a number the account has, re-pointing its webhooks, and refuses one it hasn't", async () => {
    await connect();
    const existing = ownedOnTwilio('+14155550100');
    if (existing) existing.voiceUrl = 'https://old-provider.example.com/voice';
    expect((await listAccountNumbers({ ctx: staff(), provisioning }))[0]).toMatchObject({
      e164: '+14155550100',
      phoneNumberId: undefined,
      webhooks: 'elsewhere',
    });
    const row = await attachPhoneNumber({
      ctx: staff(),
      input: { phoneNumber: '+14155550100' },
      provisioning,
    });
    expect(ownedOnTwilio('+14155550100')).toMatchObject(OURS);
    expect((await listAccountNumbers({ ctx: staff(), provisioning }))[0]).toMatchObject({
      phoneNumberId: row.id,
      webhooks: 'ours',
    });
    await expect(
      attachPhoneNumber({ ctx: staff(), input: { phoneNumber: '+12125550188' }, provisioning }),
    ).rejects.toMatchObject({ code: 'phone_number_not_owned' });
  });

  it('releases a number on Twilio and detaches it; another business cannot release it', async () => {
    await connect();
    await connect(otherBusinessId, OTHER_ACCOUNT, OTHER_TOKEN);
    const row = await buyPhoneNumber({ ctx: staff(), input: { phoneNumber: '+14155550123' }, provisioning });

    await expect(
      releasePhoneNumber({ ctx: staff(otherBusinessId), input: { phoneNumberId: row.id }, provisioning }),
    ).rejects.toMatchObject({ code: 'phone_number_not_found' });
    expect(ownedOnTwilio('+14155550123')).toBeDefined();
    expect(twilio.numberProvisioning.requests.filter((r) => r.operation === 'release')).toEqual([]);

    const released = await releasePhoneNumber({
      ctx: staff(),
      input: { phoneNumberId: row.id },
      provisioning,
    });
    expect(released).toEqual({ e164: '+14155550123', releasedOnTwilio: true });
    expect(ownedOnTwilio('+14155550123')).toBeUndefined();
    expect(await staff().tenant.phoneNumbers.list()).toEqual([]);
    expect(twilio.numberProvisioning.requests.filter((r) => r.operation === 'release')).toMatchObject([
      { accountSid: ACCOUNT, status: 204 },
    ]);
  });

  it('keeps the number routed when Twilio refuses the release', async () => {
    await connect();
    const row = await buyPhoneNumber({ ctx: staff(), input: { phoneNumber: '+14155550123' }, provisioning });
    twilio.numberProvisioning.failNext({
      status: 500,
      code: 20500,
      message: 'Internal',
      operation: 'release',
    });
    await expect(
      releasePhoneNumber({ ctx: staff(), input: { phoneNumberId: row.id }, provisioning }),
    ).rejects.toMatchObject({ code: 'twilio_unreachable' });
    expect((await staff().tenant.phoneNumbers.list()).map((number) => number.e164)).toEqual(['+14155550123']);
  });
});
