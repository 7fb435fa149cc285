import { forBusiness } from '@receptionist/db';
import { createApiKey, tenantContext } from '@receptionist/domain';
import { createScriptedEngine } from '@receptionist/engine/testing';
import { BROWSER_BYTES_PER_MS } from '@receptionist/telephony';
import { FakeBrowserClient } from '@receptionist/telephony/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { startVoiceHarness, TEST_ORIGIN, type VoiceHarness } from './testing/voice-harness.ts';

let harness: VoiceHarness | undefined;
const clients: FakeBrowserClient[] = [];

/** Starts a harness that afterEach cleans up. */
async function start(options: Parameters<typeof startVoiceHarness>[0]): Promise<VoiceHarness> {
  harness = await startVoiceHarness(options);
  return harness;
}

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await harness?.cleanup();
  harness = undefined;
});

async function mintTicket(h: VoiceHarness, key: string): Promise<Response> {
  return fetch(`${h.serverUrl}/api/sessions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}` },
  });
}

async function ticketUrl(h: VoiceHarness): Promise<string> {
  const { key } = await createApiKey({
    ctx: tenantContext(h.database.db, h.businessId, { kind: 'system' }),
    input: { name: 'test page' },
  });
  const response = await mintTicket(h, key);
  expect(response.status).toBe(201);
  const body = (await response.json()) as { ticket: string; url: string; expiresAt: string };
  expect(body.url).toBe(`wss://voice.example.test/browser/${body.ticket}`);
  expect(Date.parse(body.expiresAt) - Date.now()).toBeLessThanOrEqual(60_000);
  return `${h.serverUrl.replace('http', 'ws')}/browser/${body.ticket}`;
}

async function connect(url: string, origin = TEST_ORIGIN): Promise<FakeBrowserClient> {
  const client = await FakeBrowserClient.connect({ url, origin });
  clients.push(client);
  return client;
}

describe('browser calls', () => {
  it('greets in PCM16 24 kHz, answers typed text with a tool, shows transcripts, and logs the call', async () => {
    const engine = createScriptedEngine({
      greeting: { text: 'Hi from the test page.', audioMs: 300 },
      turns: [
        {
          match: /hours/,
          tool: { name: 'get_business_info', arguments: { topic: 'hours' } },
          reply: (result) => ({ text: result?.ok ? 'Here are our hours.' : 'Sorry.', audioMs: 200 }),
        },
      ],
    });
    const h = await start({ engine });
    const client = await connect(await ticketUrl(h));
    const ready = await client.waitForMessage('ready');
    expect(ready.engine).toBe('local'); // the configured engine, shown on the test page
    await client.waitForAudio(300 * BROWSER_BYTES_PER_MS);
    client.sendText('What are your hours?');
    await client.waitForMessage(
      'transcript',
      (message) => message.text === 'Here are our hours.' && message.final,
    );
    expect(client.messagesOf('tool').map((message) => message.phase)).toEqual(['call', 'result']);
    client.end();
    await client.waitForClose();
    const calls = forBusiness(h.database.db, h.businessId).calls;
    let row = await calls.get(ready.callId);
    for (let attempt = 0; attempt < 200 && row?.endedAt === null; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      row = await calls.get(ready.callId);
    }
    expect(row).toMatchObject({ channel: 'browser', status: 'completed', endReason: 'caller_hangup' });
    expect(row?.turns.map((turn) => [turn.role, turn.text])).toEqual([
      ['agent', 'Hi from the test page.'],
      ['caller', 'What are your hours?'],
      ['agent', 'Here are our hours.'],
    ]);
    expect(client.protocolErrors).toEqual([]);
  });

  it('DTMF 0 ends a browser call with a transfer notice', async () => {
    const h = await start({
      engine: createScriptedEngine({ greeting: { text: 'Hi.', audioMs: 100 } }),
    });
    const client = await connect(await ticketUrl(h));
    await client.waitForMessage('ready');
    client.sendDtmf('0');
    const end = await client.waitForMessage('end');
    expect(end.reason).toBe('transfer');
    expect(end.message).toContain('Front desk');
  });

  it('refuses a bad API key, a foreign origin, a reused ticket and a forged ticket', async () => {
    const h = await start({ engine: createScriptedEngine() });
    expect((await mintTicket(h, 'rk_live_not-a-real-key')).status).toBe(401);
    expect((await fetch(`${h.serverUrl}/api/sessions`, { method: 'POST' })).status).toBe(401);
    const url = await ticketUrl(h);
    await expect(connect(url, 'https://evil.example')).rejects.toThrow(/HTTP 403/);
    await expect(connect(url.replace(/\/browser\/.*/, '/browser/abc.def'))).rejects.toThrow(/HTTP 401/);
    const first = await connect(url);
    await first.waitForMessage('ready');
    await expect(connect(url)).rejects.toThrow(/HTTP 403/);
  });
});
