import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeTwilioRestServer } from '@receptionist/telephony/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTwilioSms, SmsRefusedError } from './twilio-sms.ts';

const ACCOUNT_SID = `AC${'2'.repeat(32)}`;
let twilio: FakeTwilioRestServer;

beforeEach(async () => {
  twilio = await FakeTwilioRestServer.start();
});
afterEach(async () => {
  await twilio.close();
});

const client = (apiBaseUrl = twilio.url) =>
  createTwilioSms({
    accountSid: ACCOUNT_SID,
    authToken: 'secret',
    apiBaseUrl,
    statusCallbackUrl: 'https://voice.example.test/twilio/sms-status',
  });

describe('Twilio Messages client', () => {
  it('creates a message with Basic auth and the status callback, and returns its SID', async () => {
    const sent = await client().send({ from: '+12025550100', to: '+12025550101', body: 'Hello' });
    expect(sent.sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(sent.status).toBe('queued');
    expect(twilio.messages).toEqual([
      {
        sid: sent.sid,
        accountSid: ACCOUNT_SID,
        username: ACCOUNT_SID,
        params: {
          From: '+12025550100',
          To: '+12025550101',
          Body: 'Hello',
          StatusCallback: 'https://voice.example.test/twilio/sms-status',
        },
      },
    ]);
  });

  it('refuses for good what Twilio refuses with a 400 (unsubscribed, invalid number)', async () => {
    twilio.unsubscribed.add('+12025550101');
    const refused = await client()
      .send({ from: '+12025550100', to: '+12025550101', body: 'Hello' })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(SmsRefusedError);
    expect((refused as SmsRefusedError).twilioCode).toBe(21610);
    await expect(client().send({ from: '+12025550100', to: '555', body: 'x' })).rejects.toMatchObject({
      twilioCode: 21211,
    });
  });

  it('leaves a 5xx, a bad login and an unreachable API to the retry', async () => {
    twilio.failNextMessages = 1;
    const outage = await client()
      .send({ from: '+12025550100', to: '+12025550101', body: 'x' })
      .catch((error: unknown) => error);
    expect(outage).toBeInstanceOf(Error);
    expect(outage).not.toBeInstanceOf(SmsRefusedError);

    const unauthorized: Server = createServer((_request, response) => {
      response.writeHead(401, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ code: 20003, message: 'Authenticate', status: 401 }));
    });
    await new Promise<void>((resolve) => unauthorized.listen(0, '127.0.0.1', resolve));
    const port = (unauthorized.address() as AddressInfo).port;
    const badLogin = await client(`http://127.0.0.1:${port}`)
      .send({ from: '+12025550100', to: '+12025550101', body: 'x' })
      .catch((error: unknown) => error);
    expect(badLogin).not.toBeInstanceOf(SmsRefusedError);
    expect(String(badLogin)).toContain('20003');
    await new Promise((resolve) => unauthorized.close(resolve));

    await expect(
      client(`http://127.0.0.1:${port}`).send({ from: '+12025550100', to: '+12025550101', body: 'x' }),
    ).rejects.not.toBeInstanceOf(SmsRefusedError);
  });
});
