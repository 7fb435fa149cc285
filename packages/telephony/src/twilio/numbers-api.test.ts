import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeTwilioRestServer } from '../testing/index.ts';
import { createTwilioNumbersApi, TwilioApiError } from './numbers-api.ts';
import { RebasedRequestClient } from './rest-client.ts';

const ACCOUNT = `AC${'a'.repeat(32)}`;
const credentials = { accountSid: ACCOUNT, username: ACCOUNT, password: 'auth-token-0123456789' };

let twilio: FakeTwilioRestServer;

beforeEach(async () => {
  twilio = await FakeTwilioRestServer.start();
  twilio.incomingNumbers.addAccount(ACCOUNT, credentials.password);
  twilio.numberProvisioning.inventory.push({
    phoneNumber: '+18005550100',
    isoCountry: 'US',
    type: 'toll_free',
  });
});

afterEach(async () => {
  await twilio.close();
});

describe('the Twilio numbers adapter', () => {
  it('reads capabilities as Twilio spells them, and a price Twilio does not list as undefined', async () => {
    const api = createTwilioNumbersApi({ apiBaseUrl: twilio.url });
    const [number] = await api.searchAvailable(credentials, { country: 'US', type: 'toll_free', limit: 5 });
    expect(number).toMatchObject({ phoneNumber: '+18005550100', voice: true, sms: false, isoCountry: 'US' });
    twilio.numberProvisioning.prices.set('GB', {});
    expect(await api.monthlyPrice(credentials, 'GB', 'local')).toBeUndefined();
    expect(await api.monthlyPrice(credentials, 'US', 'toll_free')).toEqual({
      amount: '2.15',
      currency: 'USD',
    });
  });

  it("carries Twilio's status and code, and says when Twilio was not reached", async () => {
    const api = createTwilioNumbersApi({ apiBaseUrl: twilio.url });
    twilio.numberProvisioning.failNext({ status: 400, code: 21452, message: 'No phone numbers found' });
    const refused = await api
      .buy(credentials, {
        phoneNumber: '+18005550100',
        friendlyName: 'x',
        webhooks: { voiceUrl: 'https://a/v', statusCallback: 'https://a/s', smsUrl: 'https://a/m' },
      })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TwilioApiError);
    expect(refused).toMatchObject({ status: 400, twilioCode: 21452 });
    const unreachable = await createTwilioNumbersApi({ apiBaseUrl: 'http://127.0.0.1:9' })
      .fetchAccount(credentials)
      .catch((error: unknown) => error);
    expect(unreachable).toMatchObject({ status: undefined, twilioCode: undefined });
  });

  it('rebases every Twilio product host (api, pricing) onto the stand-in', async () => {
    const client = new RebasedRequestClient(twilio.url);
    for (const uri of [
      `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT}.json`,
      'https://pricing.twilio.com/v1/PhoneNumbers/Countries/US',
    ]) {
      const response = await client.request({
        method: 'get',
        uri,
        headers: {},
        username: ACCOUNT,
        password: credentials.password,
      });
      expect(response.statusCode).toBe(200);
    }
    expect(twilio.numberProvisioning.requests.map((request) => request.operation)).toEqual([
      'account',
      'pricing',
    ]);
  });
});
