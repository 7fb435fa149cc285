import { afterEach, describe, expect, it } from 'vitest';
import { type FakeTwilioRest, startFakeTwilioRest } from './fake-twilio-rest.ts';

const accountSid = `AC${'a'.repeat(32)}`;
const callSid = `CA${'b'.repeat(32)}`;
let rest: FakeTwilioRest | undefined;
afterEach(async () => {
  await rest?.close();
  rest = undefined;
});

describe('fake Twilio REST API', () => {
  it('accepts authenticated call updates and records them', async () => {
    rest = await startFakeTwilioRest({ accountSid, authToken: 'secret' });
    const seen: string[] = [];
    rest.onUpdate = (update) => seen.push(update.params.Status ?? 'twiml');
    const response = await fetch(`${rest.url}/2010-04-01/Accounts/${accountSid}/Calls/${callSid}.json`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${accountSid}:secret`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ Status: 'completed' }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ sid: callSid, status: 'completed' });
    expect(rest.updates).toEqual([{ accountSid, callSid, params: { Status: 'completed' } }]);
    expect(seen).toEqual(['completed']);
  });

  it('refuses wrong credentials and unknown paths like Twilio', async () => {
    rest = await startFakeTwilioRest({ accountSid, authToken: 'secret' });
    const wrongAuth = await fetch(`${rest.url}/2010-04-01/Accounts/${accountSid}/Calls/${callSid}.json`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${accountSid}:nope`).toString('base64')}` },
    });
    expect(wrongAuth.status).toBe(401);
    const unknown = await fetch(`${rest.url}/2010-04-01/Accounts/${accountSid}/Queues.json`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${accountSid}:secret`).toString('base64')}` },
    });
    expect(unknown.status).toBe(404);
    expect(rest.updates).toEqual([]);
  });
});
