import { forBusiness } from '@receptionist/db';
import { createScriptedEngine } from '@receptionist/engine/testing';
import { encodeBase64, mintStreamToken } from '@receptionist/telephony';
import { FakeTwilioCall, fakeSid } from '@receptionist/telephony/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CALLER_NUMBER,
  silenceMulaw,
  speechMulaw,
  startVoiceHarness,
  type VoiceHarness,
} from './testing/voice-harness.ts';

/**
 * Every kind of bad input gets a clean refusal or close, is counted, and leaves a parallel call untouched.
 * One server for the whole file, with a healthy call running from the first test to the last.
 */
let h: VoiceHarness;
let healthy: FakeTwilioCall;
const engine = createScriptedEngine({
  greeting: { text: 'Hello!', audioMs: 200 },
  turns: Array.from({ length: 20 }, (_, index) => ({
    caller: `turn ${index}`,
    reply: { text: `Reply ${index}.`, audioMs: 200 },
  })),
});

beforeAll(async () => {
  h = await startVoiceHarness({
    engine,
    // The healthy call only speaks in the last test: keep it from ending on silence while the others run.
    business: { limits: { maxCallMs: 600_000, silenceTimeoutMs: 600_000 } },
    server: { startTimeoutMs: 1_500, connectionLimits: { idleTimeoutMs: 600_000 } },
  });
  healthy = await h.twilio.placeCall({ from: CALLER_NUMBER, to: h.businessNumber });
  await healthy.waitForAudio(200 * 8);
});

afterAll(async () => {
  healthy?.close();
  await h?.cleanup();
});

function calls() {
  return forBusiness(h.database.db, h.businessId).calls;
}

let rawCalls = 0;

/**
 * Rings the server (signed, valid) and opens the stream without sending `start`. Each from its own number:
 * the server turns away an 11th call from one number within a minute, and this file rings more than that.
 */
async function openRawStream(): Promise<FakeTwilioCall> {
  const callSid = fakeSid('CA');
  rawCalls += 1;
  const from = `+1202555${String(1000 + rawCalls)}`;
  const answer = await h.twilio.postVoiceWebhook({ from, to: h.businessNumber, callSid });
  const call = new FakeTwilioCall({ callSid, accountSid: h.twilio.accountSid, answer });
  await call.attach(h.twilio.openStream(answer.twiml.stream?.url ?? ''));
  return call;
}

async function errorCount(kind: string): Promise<number> {
  const text = await (await fetch(`${h.serverUrl}/metrics`)).text();
  const match = new RegExp(`voice_errors_total\\{kind="${kind}"\\} (\\d+)`).exec(text);
  return Number(match?.[1] ?? 0);
}

async function endOf(call: FakeTwilioCall) {
  const callId = call.answer.twiml.stream?.parameters.callId ?? '';
  for (let attempt = 0; attempt < 400; attempt += 1) {
    const row = await calls().get(callId);
    if (row?.endedAt !== null && row !== undefined) return row;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('call did not end');
}

describe('bad input', () => {
  it('refuses unsigned and forged webhooks with 403 before touching the database', async () => {
    const before = (await calls().list()).length;
    const body = { from: CALLER_NUMBER, to: h.businessNumber, callSid: fakeSid('CA') };
    expect((await h.twilio.postVoiceWebhook(body, { signature: null })).status).toBe(403);
    expect((await h.twilio.postVoiceWebhook(body, { signature: 'bm90IGEgc2lnbmF0dXJl' })).status).toBe(403);
    expect(await h.twilio.postStatus(body.callSid, 'completed').then(() => 'sent')).toBe('sent');
    expect((await calls().list()).length).toBe(before);
    expect(await errorCount('webhook_bad_signature')).toBe(2);
  });

  it('answers an unknown number politely and hangs up', async () => {
    const answer = await h.twilio.postVoiceWebhook({
      from: CALLER_NUMBER,
      to: '+12025550199',
      callSid: fakeSid('CA'),
    });
    expect(answer.status).toBe(200);
    expect(answer.twiml.says[0]).toMatch(/isn't set up/);
    expect(answer.twiml.hasHangup).toBe(true);
    expect(answer.twiml.stream).toBeUndefined();
  });

  it('refuses a reused stream token (403) and an expired or forged one (401)', async () => {
    const first = await openRawStream();
    const url = first.answer.twiml.stream?.url ?? '';
    const replay = new FakeTwilioCall({
      callSid: first.callSid,
      accountSid: h.twilio.accountSid,
      answer: first.answer,
    });
    await expect(replay.attach(h.twilio.openStream(url))).rejects.toThrow(/HTTP 403/);
    const expired = mintStreamToken({
      secret: h.env.sessionSecret,
      businessId: h.businessId,
      callId: 'call_x',
      callSid: first.callSid,
      nowMs: Date.now() - 120_000,
    });
    const stale = new FakeTwilioCall({
      callSid: first.callSid,
      accountSid: h.twilio.accountSid,
      answer: first.answer,
    });
    await expect(
      stale.attach(h.twilio.openStream(`wss://voice.example.test/twilio/stream/${expired.token}`)),
    ).rejects.toThrow(/HTTP 401/);
    const forged = new FakeTwilioCall({
      callSid: first.callSid,
      accountSid: h.twilio.accountSid,
      answer: first.answer,
    });
    await expect(
      forged.attach(h.twilio.openStream('wss://voice.example.test/twilio/stream/abc.def')),
    ).rejects.toThrow(/HTTP 401/);
    first.close();
  });

  it('closes a stream whose start names another call', async () => {
    const call = await openRawStream();
    call.sendStart({ callSid: fakeSid('CA') });
    await call.waitForClose();
    expect(await endOf(call)).toMatchObject({ status: 'failed', endReason: 'stream_wrong_call' });
  });

  it('closes a stream whose start names another Twilio account than the configured one', async () => {
    const call = await openRawStream();
    call.sendStart({ accountSid: fakeSid('AC') });
    await call.waitForClose();
    expect(await endOf(call)).toMatchObject({ status: 'failed', endReason: 'stream_wrong_account' });
  });

  it('closes a stream with the wrong codec', async () => {
    const call = await openRawStream();
    call.sendStart({ mediaFormat: { encoding: 'audio/x-l16', sampleRate: 16_000, channels: 1 } });
    await call.waitForClose();
    expect(await endOf(call)).toMatchObject({ status: 'failed', endReason: 'stream_wrong_codec' });
  });

  it('closes a socket that never sends start', async () => {
    const call = await openRawStream();
    await call.waitForClose();
    expect(await endOf(call)).toMatchObject({ status: 'failed', endReason: 'stream_start_timeout' });
  });

  it.each([
    ['invalid base64', (call: FakeTwilioCall) => call.sendMediaPayload('//8A*AAA'), 1007],
    ['non-JSON', (call: FakeTwilioCall) => call.sendRaw('{"event": "media", '), 1007],
    [
      'an oversized frame',
      (call: FakeTwilioCall) => call.sendMediaPayload(encodeBase64(new Uint8Array(80 * 1024))),
      1009,
    ],
  ])('closes a live call on %s', async (_label, misbehave, code) => {
    const call = await openRawStream();
    call.sendStart();
    await call.waitForAudio(1);
    misbehave(call);
    expect(await call.waitForClose()).toBe(code);
    const row = await endOf(call);
    expect(row.endReason).toMatch(/protocol_violation|frame_too_large/);
  });

  it('closes a 10x real-time flood', async () => {
    const call = await openRawStream();
    call.sendStart();
    await call.sendAudio(silenceMulaw(10_000), { speed: 10 });
    expect(await call.waitForClose()).toBe(1008);
    expect(await errorCount('transport_rate_limited')).toBeGreaterThanOrEqual(1);
  });

  it('kept the parallel healthy call going through all of the above', async () => {
    expect(healthy.closed).toBe(false);
    const before = healthy.receivedBytes;
    await healthy.sendAudio(speechMulaw(200));
    await healthy.sendAudio(silenceMulaw(400));
    await healthy.waitForAudio(before + 200 * 8);
    expect(engine.conversations[0]?.received.said).toContain('Reply 0.');
    expect(healthy.protocolErrors).toEqual([]);
  });
});
