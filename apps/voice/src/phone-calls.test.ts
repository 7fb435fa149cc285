import { forBusiness } from '@receptionist/db';
import { dayOpening, loadBusinessProfile, localDate } from '@receptionist/domain';
import { createScriptedEngine, type ScriptedEngine } from '@receptionist/engine/testing';
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CallLogOutbox } from './call/call-log-outbox.ts';
import {
  CALLER_NUMBER,
  PUBLIC_URL,
  silenceMulaw,
  speechMulaw,
  startVoiceHarness,
  type VoiceHarness,
} from './testing/voice-harness.ts';

let harness: VoiceHarness | undefined;

afterEach(async () => {
  await harness?.cleanup();
  harness = undefined;
});

async function start(
  engine: ScriptedEngine,
  options: Omit<Parameters<typeof startVoiceHarness>[0], 'engine'> = {},
) {
  harness = await startVoiceHarness({ engine, ...options });
  return harness;
}

async function until<T>(
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function callRow(h: VoiceHarness, callId: string) {
  return forBusiness(h.database.db, h.businessId).calls.get(callId);
}

function callIdOf(call: {
  answer: { twiml: { stream?: { parameters: Record<string, string> } | undefined } };
}): string {
  const callId = call.answer.twiml.stream?.parameters.callId;
  if (!callId) throw new Error('the TwiML carried no callId parameter');
  return callId;
}

/** A weekday at least two days ahead on which the demo practice is open. */
async function openDate(h: VoiceHarness): Promise<string> {
  const profile = await loadBusinessProfile(h.database.db, h.businessId);
  let date = DateTime.fromMillis(h.now(), { zone: profile.timeZone }).plus({ days: 2 });
  while (!dayOpening(profile, localDate(profile, date.toMillis())).open) date = date.plus({ days: 1 });
  return date.toISODate() ?? '';
}

describe('phone calls end to end (fake Twilio ⇄ voice server ⇄ scripted engine ⇄ temporary database)', () => {
  it('answers with disclosure, stream and fallback, greets, and logs the call live', async () => {
    const engine = createScriptedEngine({
      greeting: { text: 'Thank you for calling Bright Smile Dental.', audioMs: 800 },
    });
    const h = await start(engine);
    const call = await h.twilio.placeCall({ from: CALLER_NUMBER, to: h.businessNumber });
    const twiml = call.answer.twiml;
    expect(twiml.says[0]).toContain('AI');
    expect(twiml.stream?.url).toMatch(/^wss:\/\/voice\.example\.test\/twilio\/stream\/[\w-]+\.[\w-]+$/);
    expect(twiml.fallbackVerbs).toEqual(['Say', 'Dial']);
    // A fallback dial nobody answers comes back to us for a message (see transfers.test.ts).
    expect(call.answer.body).toContain(`action="${PUBLIC_URL}/twilio/transfer-result"`);
    expect(twiml.dialNumbers).toEqual(['+15005550100']);

    await call.waitForAudio(800 * 8);
    const greetingMs = (call.firstAudioAtMs ?? 0) - call.answer.sentAtMs;
    console.info(
      JSON.stringify({ metric: 'webhook_to_first_greeting_audio_ms', value: Math.round(greetingMs) }),
    );
    expect(engine.last?.config.callerNumber).toBe(CALLER_NUMBER);
    expect(engine.last?.config.tools.map((tool) => tool.name)).toContain('book_appointment');

    const callId = callIdOf(call);
    const live = await until(
      () => callRow(h, callId),
      (row) => (row?.turns.length ?? 0) === 1,
      'the greeting turn',
    );
    expect(live?.status).toBe('in_progress');
    expect(live?.twilioCallSid).toBe(call.callSid);
    expect(live?.turns[0]).toMatchObject({
      role: 'agent',
      text: 'Thank you for calling Bright Smile Dental.',
      interrupted: false,
    });

    call.stop();
    const ended = await until(
      () => callRow(h, callId),
      (row) => row?.endedAt !== null,
      'the call to end',
    );
    expect(ended).toMatchObject({ status: 'completed', endReason: 'caller_hangup' });
    expect(call.protocolErrors).toEqual([]);
  });

  it('books an appointment through the real receptionist tool and records latency', async () => {
    const engine = createScriptedEngine({ greeting: { text: 'Hello!', audioMs: 200 } });
    const h = await start(engine);
    const date = await openDate(h);
    engine.conversations.length = 0;
    const turns = [
      {
        caller: 'I would like a cleaning',
        tool: {
          name: 'book_appointment',
          arguments: { service: 'cleaning', date, time: '10:00', customerName: 'Ada Lovelace' },
        },
        reply: (result: { message: string } | undefined) => ({
          text: result?.message ?? 'Sorry.',
          audioMs: 400,
        }),
      },
    ];
    h.engines.choice = {
      primary: createScriptedEngine({ greeting: { text: 'Hello!', audioMs: 200 }, turns }),
    };
    const primary = h.engines.choice.primary as ScriptedEngine;
    const call = await h.twilio.placeCall({ from: CALLER_NUMBER, to: h.businessNumber });
    await call.waitForAudio(200 * 8);
    await call.waitForPlaybackEnd();
    await call.sendAudio(speechMulaw(400));
    await call.sendAudio(silenceMulaw(500));
    await call.waitForAudio((200 + 400) * 8);

    const callId = callIdOf(call);
    const row = await until(
      () => callRow(h, callId),
      (r) => (r?.turns.length ?? 0) >= 3,
      'three turns',
    );
    expect(row?.turns.map((turn) => turn.role)).toEqual(['agent', 'caller', 'agent']);
    expect(row?.turns[2]?.text).toMatch(/^You're booked for a /);
    expect(row?.turns[2]?.latencyMs).toBeGreaterThanOrEqual(0);
    expect(row?.toolCalls).toHaveLength(1);
    expect(row?.toolCalls[0]).toMatchObject({ name: 'book_appointment', status: 'ok' });
    const startOfDay = DateTime.fromISO(date, { zone: 'America/New_York' });
    const booked = await forBusiness(h.database.db, h.businessId).appointments.list({
      fromMs: startOfDay.toMillis(),
      toMs: startOfDay.plus({ days: 1 }).toMillis(),
    });
    expect(booked).toHaveLength(1);
    expect(primary.last?.received.audioBytes).toBeGreaterThan(0);
    const metrics = await (await fetch(`${h.serverUrl}/metrics`)).text();
    expect(metrics).toMatch(/voice_turn_latency_ms_count\{engine="scripted"\} 1/);

    call.stop();
    const ended = await until(
      () => callRow(h, callId),
      (r) => r?.outcome !== null && r?.outcome !== undefined,
      'the call outcome',
    );
    expect(ended?.outcome).toBe('booked');
  });

  it('writes each tool result to tool_calls once: by the tool when it ran, by the call log when it did not', async () => {
    const engine = createScriptedEngine({ greeting: { text: 'Hello!', audioMs: 200 } });
    const h = await start(engine);
    const date = await openDate(h);
    const turns = [
      {
        caller: 'I would like a cleaning',
        tool: {
          name: 'book_appointment',
          arguments: { service: 'cleaning', date, time: '10:00', customerName: 'Ada Lovelace' },
        },
        reply: { text: 'Booked.', audioMs: 200 },
      },
      {
        caller: 'Fly me to the moon',
        tool: { name: 'fly_to_moon', arguments: {} },
        reply: { text: 'Sorry.', audioMs: 200 },
      },
    ];
    h.engines.choice = {
      primary: createScriptedEngine({ greeting: { text: 'Hello!', audioMs: 200 }, turns }),
    };
    // The tool writes inside its own transaction; what the call log writes goes through its outbox.
    const callLogWrites = vi.spyOn(CallLogOutbox.prototype, 'enqueue');
    const call = await h.twilio.placeCall({ from: CALLER_NUMBER, to: h.businessNumber });
    await call.waitForAudio(200 * 8);
    await call.waitForPlaybackEnd();
    for (let turn = 1; turn <= 2; turn += 1) {
      await call.sendAudio(speechMulaw(400));
      await call.sendAudio(silenceMulaw(500));
      await call.waitForAudio((200 + turn * 200) * 8);
    }
    const row = await until(
      () => callRow(h, callIdOf(call)),
      (r) => (r?.toolCalls.length ?? 0) >= 2,
      'two tool calls',
    );
    expect(row?.toolCalls.map((toolCall) => [toolCall.name, toolCall.status])).toEqual([
      ['book_appointment', 'ok'],
      ['fly_to_moon', 'error'],
    ]);
    const toolCallWrites = callLogWrites.mock.calls.filter(([entry]) => entry.op === 'tool_call');
    expect(toolCallWrites.map(([entry]) => entry.op === 'tool_call' && entry.toolCall.name)).toEqual([
      'fly_to_moon',
    ]);
    callLogWrites.mockRestore();
    call.stop();
  });

  it('logs no turn for a reply that has audio but no words', async () => {
    const engine = createScriptedEngine({
      greeting: { text: 'Hello!', audioMs: 200 },
      turns: [
        { caller: 'Hmm', reply: { text: '', audioMs: 300 } },
        { caller: 'Are you there?', reply: { text: 'Yes, I am here.', audioMs: 300 } },
      ],
    });
    const h = await start(engine);
    const call = await h.twilio.placeCall({ from: CALLER_NUMBER, to: h.businessNumber });
    await call.waitForAudio(200 * 8);
    await call.waitForPlaybackEnd();
    for (const [index, heardMs] of [500, 800].entries()) {
      await call.sendAudio(speechMulaw(400));
      await call.sendAudio(silenceMulaw(500));
      await call.waitForAudio(heardMs * 8);
      if (index === 0) await call.waitForPlaybackEnd();
    }

    const callId = callIdOf(call);
    const row = await until(
      () => callRow(h, callId),
      (r) => (r?.turns.length ?? 0) >= 4,
      'four turns',
    );
    expect(row?.turns.map((turn) => [turn.role, turn.text])).toEqual([
      ['agent', 'Hello!'],
      ['caller', 'Hmm'],
      ['caller', 'Are you there?'],
      ['agent', 'Yes, I am here.'],
    ]);
    call.stop();
  });

  it('barge-in: clears playback at once and reports the heard audio from marks', async () => {
    const engine = createScriptedEngine({
      greeting: { text: 'A very long greeting about our many services.', audioMs: 4_000 },
    });
    const h = await start(engine);
    const call = await h.twilio.placeCall({ from: CALLER_NUMBER, to: h.businessNumber });
    await call.waitForAudio(4_000 * 8);
    await until(
      async () => call.playedMs,
      (played) => played >= 500,
      'half a second of greeting to play',
    );
    await call.sendAudio(speechMulaw(100));
    await call.waitForClear();

    const interrupts = engine.last?.received.interrupts ?? [];
    expect(interrupts).toHaveLength(1);
    expect(interrupts[0]?.heardMs).toBeGreaterThanOrEqual(500);
    expect(interrupts[0]?.heardMs).toBeLessThan(4_000);
    const callId = callIdOf(call);
    const row = await until(
      () => callRow(h, callId),
      (r) => (r?.turns.length ?? 0) >= 1,
      'the cut greeting',
    );
    expect(row?.turns[0]).toMatchObject({ role: 'agent', interrupted: true });
  });

  it('DTMF 0 transfers to the front desk through the Twilio REST API without the model', async () => {
    const engine = createScriptedEngine({ greeting: { text: 'Hello!', audioMs: 300 } });
    const h = await start(engine);
    const call = await h.twilio.placeCall({ from: CALLER_NUMBER, to: h.businessNumber });
    await call.waitForAudio(300 * 8);
    call.sendDtmf('0');
    const update = await h.twilioRest.waitForUpdate(call.callSid);
    expect(update.params.Twiml).toContain('<Dial');
    expect(update.params.Twiml).toContain('+15005550100');
    expect(update.accountSid).toBe(h.env.twilio.accountSid);
    expect(engine.last?.received.dtmf).toEqual([]);
    const row = await until(
      () => callRow(h, callIdOf(call)),
      (r) => r?.endedAt !== null,
      'the call to end',
    );
    expect(row).toMatchObject({ status: 'transferred' });
    expect(row?.endReason).toContain('dtmf_0');
    const withOutcome = await until(
      () => callRow(h, callIdOf(call)),
      (r) => r?.outcome !== null && r?.outcome !== undefined,
      'the call outcome',
    );
    expect(withOutcome?.outcome).toBe('transferred');
  });

  it('silence: asks "are you still there?", then ends politely and hangs up', async () => {
    const engine = createScriptedEngine({ greeting: { text: 'Hello!', audioMs: 200 } });
    const h = await start(engine, { business: { limits: { maxCallMs: 600_000, silenceTimeoutMs: 600 } } });
    const call = await h.twilio.placeCall({ from: CALLER_NUMBER, to: h.businessNumber });
    const update = await h.twilioRest.waitForUpdate(call.callSid, 20_000);
    expect(update.params.Status).toBe('completed');
    expect(engine.last?.received.said).toEqual([
      'Hello!',
      'Are you still there?',
      expect.stringContaining("I'll hang up"),
    ]);
    const row = await until(
      () => callRow(h, callIdOf(call)),
      (r) => r?.endedAt !== null,
      'the call to end',
    );
    expect(row).toMatchObject({ status: 'completed', endReason: 'silence_timeout' });
  });

  it('ends the call at the maximum call length', async () => {
    const engine = createScriptedEngine({ greeting: { text: 'Hello!', audioMs: 200 } });
    const h = await start(engine, { business: { limits: { maxCallMs: 1_000, silenceTimeoutMs: 60_000 } } });
    const call = await h.twilio.placeCall({ from: CALLER_NUMBER, to: h.businessNumber });
    const update = await h.twilioRest.waitForUpdate(call.callSid, 20_000);
    expect(update.params.Status).toBe('completed');
    const row = await until(
      () => callRow(h, callIdOf(call)),
      (r) => r?.endedAt !== null,
      'the call to end',
    );
    expect(row).toMatchObject({ status: 'completed', endReason: 'max_duration' });
    expect(engine.last?.received.said.at(-1)).toContain('time limit');
  });

  it('fails over to the fallback engine with the history when the primary breaks', async () => {
    const primary = createScriptedEngine({
      name: 'primary',
      greeting: { text: 'Hello from primary.', audioMs: 200 },
    });
    const fallback = createScriptedEngine({ name: 'fallback' });
    const h = await start(primary, { fallback });
    const call = await h.twilio.placeCall({ from: CALLER_NUMBER, to: h.businessNumber });
    await call.waitForAudio(200 * 8);
    await call.waitForPlaybackEnd();
    await until(
      async () => primary.last?.received.said.length ?? 0,
      (n) => n === 1,
      'the greeting',
    );
    primary.last?.fail({ code: 'disconnected', message: 'realtime socket dropped', fatal: true });
    await until(
      async () => fallback.conversations.length,
      (n) => n === 1,
      'the fallback to start',
    );
    expect(fallback.last?.config.history).toEqual([{ role: 'agent', text: 'Hello from primary.' }]);
    const row = await until(
      () => callRow(h, callIdOf(call)),
      (r) => r?.engine === 'fallback',
      'the engine switch',
    );
    expect(row?.turns.map((turn) => turn.role)).toEqual(['agent', 'system']);
    expect(call.closed).toBe(false);
  });
});
