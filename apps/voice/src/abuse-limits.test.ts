import { createApiKey, tenantContext } from '@receptionist/domain';
import { createScriptedEngine, type ScriptedEngine } from '@receptionist/engine/testing';
import { TYPED_LINE_LIMITED } from '@receptionist/telephony';
import { FakeBrowserClient, fakeSid } from '@receptionist/telephony/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { startVoiceHarness, TEST_ORIGIN, type VoiceHarness } from './testing/voice-harness.ts';
import { LINES_BUSY_PROMPT, TOO_MANY_CALLS_MESSAGE } from './twilio/voice-webhook.ts';

let harness: VoiceHarness | undefined;
let client: FakeBrowserClient | undefined;

afterEach(async () => {
  client?.end();
  client = undefined;
  await harness?.cleanup();
  harness = undefined;
});

async function start(env: Record<string, string>, engine?: ScriptedEngine): Promise<VoiceHarness> {
  harness = await startVoiceHarness({
    engine: engine ?? createScriptedEngine({ greeting: { text: 'Hello!', audioMs: 100 } }),
    env,
  });
  return harness;
}

const ring = (h: VoiceHarness, from: string) =>
  h.twilio.postVoiceWebhook({ from, to: h.businessNumber, callSid: fakeSid('CA') });

describe('flood limits of the voice server', () => {
  it('turns away a caller number ringing too often, before any call row, and not the others', async () => {
    const h = await start({ VOICE_CALLS_PER_NUMBER_PER_MINUTE: '2' });
    expect((await ring(h, '+12125550101')).twiml.stream).toBeDefined();
    expect((await ring(h, '+12125550101')).twiml.stream).toBeDefined();
    const third = await ring(h, '+12125550101');
    expect(third.twiml.stream).toBeUndefined();
    expect(third.twiml.says).toEqual([TOO_MANY_CALLS_MESSAGE]);
    expect(third.twiml.hasHangup).toBe(true);
    expect((await ring(h, '+12125550102')).twiml.stream).toBeDefined();
  });

  it('caps live calls per business with a polite "lines busy" and a voicemail, logged busy', async () => {
    const h = await start({ VOICE_MAX_CONCURRENT_CALLS_PER_BUSINESS: '1' });
    expect((await ring(h, '+12125550111')).twiml.stream).toBeDefined();
    const second = await ring(h, '+12125550112');
    expect(second.twiml.stream).toBeUndefined();
    expect(second.twiml.says).toEqual([LINES_BUSY_PROMPT]);
    expect(second.twiml.hasRecord).toBe(true);
    await h.voice.callLogSettled();
    const calls = await tenantContext(h.database.db, h.businessId, { kind: 'system' }).tenant.calls.list();
    expect(calls.map((call) => [call.fromNumber, call.status, call.endReason]).sort()).toEqual([
      ['+12125550111', 'ringing', null],
      ['+12125550112', 'busy', 'lines_busy_business_full'],
    ]);
  });

  it('caps live calls on the whole server', async () => {
    const h = await start({ VOICE_MAX_CONCURRENT_CALLS: '1' });
    expect((await ring(h, '+12125550121')).twiml.stream).toBeDefined();
    expect((await ring(h, '+12125550122')).twiml.says).toEqual([LINES_BUSY_PROMPT]);
  });

  it('gives a place back when the call ends', async () => {
    const h = await start({ VOICE_MAX_CONCURRENT_CALLS_PER_BUSINESS: '1' });
    const call = await h.twilio.placeCall({ from: '+12125550131', to: h.businessNumber });
    await call.waitForAudio(100 * 8);
    expect((await ring(h, '+12125550132')).twiml.says).toEqual([LINES_BUSY_PROMPT]);
    call.stop();
    const deadline = performance.now() + 10_000;
    let answer = await ring(h, '+12125550133');
    while (answer.twiml.stream === undefined && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      answer = await ring(h, '+12125550133');
    }
    expect(answer.twiml.stream).toBeDefined();
  });

  it('answers 429 to a source posting webhooks too fast', async () => {
    const h = await start({ VOICE_WEBHOOKS_PER_SOURCE_PER_MINUTE: '3' });
    const statuses: number[] = [];
    for (let index = 0; index < 4; index += 1) {
      statuses.push(
        (await h.twilio.post('/twilio/status', { CallSid: fakeSid('CA'), CallStatus: 'completed' })).status,
      );
    }
    expect(statuses.slice(0, 3)).not.toContain(429);
    expect(statuses[3]).toBe(429);
  });

  it('passes at most the allowed typed lines per second to the engine, and tells the page', async () => {
    const engine = createScriptedEngine({ greeting: { text: 'Hello!', audioMs: 100 } });
    const h = await start({ BROWSER_TYPED_LINES_PER_SECOND: '2' }, engine);
    const { key } = await createApiKey({
      ctx: tenantContext(h.database.db, h.businessId, { kind: 'system' }),
      input: { name: 'page' },
    });
    const minted = await fetch(`${h.serverUrl}/api/sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}` },
    });
    const { ticket } = (await minted.json()) as { ticket: string };
    client = await FakeBrowserClient.connect({
      url: `${h.serverUrl.replace('http', 'ws')}/browser/${ticket}`,
      origin: TEST_ORIGIN,
    });
    await client.waitForMessage('ready');
    for (let index = 0; index < 5; index += 1) client.sendText(`line ${index}`);
    await client.waitForMessage('error', (message) => message.code === TYPED_LINE_LIMITED);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(engine.last?.received.texts).toEqual(['line 0', 'line 1']);
    expect(client.messagesOf('error').filter((message) => message.code === TYPED_LINE_LIMITED)).toHaveLength(
      3,
    );
  });
});
