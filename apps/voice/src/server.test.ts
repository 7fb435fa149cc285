import { closeDatabase, closeInterruptedCalls, forBusiness, openDatabase } from '@receptionist/db';
import { createScriptedEngine } from '@receptionist/engine/testing';
import { fakeSid } from '@receptionist/telephony/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { parseVoiceEnv, VoiceConfigError } from './env.ts';
import { CALLER_NUMBER, startVoiceHarness, type VoiceHarness } from './testing/voice-harness.ts';

let harness: VoiceHarness | undefined;

/** Starts a harness that afterEach cleans up. */
async function start(options: Parameters<typeof startVoiceHarness>[0]): Promise<VoiceHarness> {
  harness = await startVoiceHarness(options);
  return harness;
}

afterEach(async () => {
  await harness?.cleanup();
  harness = undefined;
});

describe('voice server operations', () => {
  it('serves liveness, readiness and Prometheus metrics', async () => {
    const h = await start({ engine: createScriptedEngine() });
    expect((await fetch(`${h.serverUrl}/healthz`)).status).toBe(200);
    const ready = await fetch(`${h.serverUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { database: 'ok', engine: 'ok' } });
    const metrics = await (await fetch(`${h.serverUrl}/metrics`)).text();
    expect(metrics).toContain('voice_active_calls');
    expect(metrics).toContain('voice_turn_latency_ms');
  });

  it('reconciles status callbacks idempotently and in any order', async () => {
    const h = await start({ engine: createScriptedEngine() });
    const callSid = fakeSid('CA');
    const answer = await h.twilio.postVoiceWebhook({ from: CALLER_NUMBER, to: h.businessNumber, callSid });
    const callId = answer.twiml.stream?.parameters.callId ?? '';
    expect(await h.twilio.postStatus(callSid, 'busy')).toBe(204);
    expect(await h.twilio.postStatus(callSid, 'busy')).toBe(204);
    expect(await h.twilio.postStatus(callSid, 'ringing')).toBe(204);
    expect(await h.twilio.postStatus(callSid, 'completed', { CallDuration: '0' })).toBe(204);
    const row = await forBusiness(h.database.db, h.businessId).calls.get(callId);
    expect(row).toMatchObject({ status: 'busy', endReason: 'twilio_busy' });
    expect(await h.twilio.postStatus(fakeSid('CA'), 'completed')).toBe(204);
  });

  it('gives one stream per CallSid: a retry while ringing streams, a replay after the call gets none', async () => {
    const h = await start({ engine: createScriptedEngine() });
    const callSid = fakeSid('CA');
    const webhook = () => h.twilio.postVoiceWebhook({ from: CALLER_NUMBER, to: h.businessNumber, callSid });
    const first = await webhook();
    const retried = await webhook();
    const callId = first.twiml.stream?.parameters.callId ?? '';
    expect(retried.twiml.stream?.parameters.callId).toBe(callId);
    expect(await h.twilio.postStatus(callSid, 'completed', { CallDuration: '12' })).toBe(204);
    const ended = await forBusiness(h.database.db, h.businessId).calls.get(callId);

    const replayed = await webhook();
    expect(replayed.twiml.stream).toBeUndefined();
    expect(replayed.twiml.hasHangup).toBe(true);
    const after = await forBusiness(h.database.db, h.businessId).calls.get(callId);
    expect(after).toMatchObject({
      status: ended?.status,
      endedAt: ended?.endedAt,
      endReason: ended?.endReason,
    });
  });

  it('drains: refuses new calls with the fallback TwiML and readiness turns 503', async () => {
    const h = await start({
      engine: createScriptedEngine({ greeting: { text: 'Hi', audioMs: 100 } }),
    });
    const call = await h.twilio.placeCall({ from: CALLER_NUMBER, to: h.businessNumber });
    await call.waitForAudio(100 * 8);
    const draining = h.voice.drain(30_000);
    await expect.poll(async () => (await fetch(`${h.serverUrl}/readyz`)).status).toBe(503);
    const refused = await h.twilio.postVoiceWebhook({
      from: CALLER_NUMBER,
      to: h.businessNumber,
      callSid: fakeSid('CA'),
    });
    expect(refused.twiml.stream).toBeUndefined();
    expect(refused.twiml.dialNumbers).toEqual(['+15005550100']);
    expect(h.voice.activeCalls).toBe(1);
    call.stop();
    await draining;
    expect(h.voice.activeCalls).toBe(0);
  });

  it('crash recovery: turns written during the call survive, and start-up closes the open call as interrupted', async () => {
    const h = await start({
      engine: createScriptedEngine({ greeting: { text: 'Hello there.', audioMs: 100 } }),
    });
    const call = await h.twilio.placeCall({ from: CALLER_NUMBER, to: h.businessNumber });
    const callId = call.answer.twiml.stream?.parameters.callId ?? '';
    const calls = forBusiness(h.database.db, h.businessId).calls;
    await expect.poll(async () => (await calls.get(callId))?.turns.length, { timeout: 10_000 }).toBe(1);
    // A second process opens the same database file, as a restarted server would, while the call is still open.
    const restarted = await openDatabase({ url: h.database.url });
    try {
      const closed = await closeInterruptedCalls(restarted);
      expect(closed.map((row) => row.id)).toEqual([callId]);
    } finally {
      closeDatabase(restarted);
    }
    const row = await calls.get(callId);
    expect(row).toMatchObject({ status: 'interrupted' });
    expect(row?.turns[0]?.text).toBe('Hello there.');
    call.close();
  });
});

describe('voice env', () => {
  it('applies documented defaults in development and warns about the session secret', () => {
    const { env, warnings } = parseVoiceEnv({});
    expect(env.voicePort).toBe(8081);
    expect(env.engine).toBe('local');
    expect(env.databaseUrl).toBe('file:./data/receptionist.db');
    expect(warnings.join(' ')).toMatch(/SESSION_SECRET/);
  });

  it('picks openai when a key is set and fails at start naming the bad variable', () => {
    expect(parseVoiceEnv({ OPENAI_API_KEY: 'sk-test' }).env.engine).toBe('openai');
    expect(() => parseVoiceEnv({ VOICE_PORT: 'eighty' })).toThrow(/VOICE_PORT/);
    expect(() => parseVoiceEnv({ NODE_ENV: 'production', PUBLIC_URL: 'https://voice.example.com' })).toThrow(
      VoiceConfigError,
    );
    expect(() => parseVoiceEnv({ ENGINE: 'openai' })).toThrow(/OPENAI_API_KEY/);
  });
});
