import { forBusiness } from '@receptionist/db';
import { createScriptedEngine, type ScriptedEngine } from '@receptionist/engine/testing';
import { mintLiveToken } from '@receptionist/telephony';
import { afterEach, describe, expect, it } from 'vitest';
import { STAFF_HANG_UP_GOODBYE } from './live/staff-actions.ts';
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

const TURNS = [
  {
    caller: 'What are your hours?',
    tool: { name: 'get_business_info', arguments: { topic: 'hours' } },
    reply: { text: 'We are open from nine.', audioMs: 200 },
  },
];

async function start(): Promise<{ h: VoiceHarness; engine: ScriptedEngine }> {
  const engine = createScriptedEngine({
    greeting: { text: 'Hello, Demo Dental!', audioMs: 200 },
    turns: TURNS,
  });
  harness = await startVoiceHarness({ engine });
  return { h: harness, engine };
}

function tokenFor(h: VoiceHarness, businessId = h.businessId, role: 'owner' | 'staff' = 'staff'): string {
  return mintLiveToken({ secret: h.env.sessionSecret, businessId, userId: 'usr_test', role, nowMs: h.now() });
}

async function placeCall(h: VoiceHarness) {
  const call = await h.twilio.placeCall({ from: CALLER_NUMBER, to: h.businessNumber });
  const callId = call.answer.twiml.stream?.parameters.callId ?? '';
  await call.waitForAudio(200 * 8);
  return { call, callId };
}

/** A server-sent event stream read as it arrives: each event's name and parsed data. */
async function openEvents(h: VoiceHarness, callId: string, token: string) {
  const controller = new AbortController();
  const response = await fetch(`${h.serverUrl}/live/calls/${callId}/events`, {
    headers: { authorization: `Bearer ${token}` },
    signal: controller.signal,
  });
  const events: Array<{ event: string; data: Record<string, unknown> }> = [];
  let ended = false;
  const reading = (async () => {
    if (!response.body) return;
    const decoder = new TextDecoder();
    let buffered = '';
    try {
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffered += decoder.decode(value, { stream: true });
        let split = buffered.indexOf('\n\n');
        while (split >= 0) {
          const block = buffered.slice(0, split);
          buffered = buffered.slice(split + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) events.push({ event, data: JSON.parse(data) });
          split = buffered.indexOf('\n\n');
        }
      }
    } catch {
      // aborted by the test
    }
    ended = true;
  })();
  return {
    response,
    events,
    get ended() {
      return ended;
    },
    async waitFor(predicate: () => boolean, what: string, timeoutMs = 10_000) {
      const deadline = performance.now() + timeoutMs;
      while (!predicate()) {
        if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async close() {
      controller.abort();
      await reading;
    },
  };
}

function action(h: VoiceHarness, callId: string, token: string, body: unknown) {
  return fetch(`${h.serverUrl}/live/calls/${callId}/actions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('live calls', () => {
  it('lists a call in progress and streams its transcript and tool calls in order, then its end', async () => {
    const { h } = await start();
    const { call, callId } = await placeCall(h);
    const token = tokenFor(h);

    const listed = (await (
      await fetch(`${h.serverUrl}/live/calls`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { calls: Array<Record<string, unknown>> };
    expect(listed.calls).toEqual([
      expect.objectContaining({ callId, channel: 'phone', state: 'in_progress', engine: 'scripted' }),
    ]);

    const stream = await openEvents(h, callId, token);
    expect(stream.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    await call.waitForPlaybackEnd();
    await call.sendAudio(speechMulaw(400));
    await call.sendAudio(silenceMulaw(500));
    await stream.waitFor(
      () => stream.events.some((e) => e.event === 'turn' && e.data.text === 'We are open from nine.'),
      'the reply line',
    );
    call.stop();
    await stream.waitFor(() => stream.ended, 'the stream to end');

    const kinds = stream.events.map((e) => (e.event === 'turn' ? `${e.data.role}: ${e.data.text}` : e.event));
    expect(kinds[0]).toBe('call');
    expect(kinds.slice(1)).toEqual([
      'state',
      'agent: Hello, Demo Dental!',
      'caller: What are your hours?',
      'tool',
      'agent: We are open from nine.',
      'end',
    ]);
    expect(stream.events.find((e) => e.event === 'tool')?.data).toMatchObject({
      name: 'get_business_info',
      status: 'ok',
    });
    const seqs = stream.events.slice(1).map((e) => e.data.seq as number);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(stream.events.at(-1)?.data).toMatchObject({ type: 'end', reason: 'caller_hangup' });
    await stream.close();

    // The call row says which voice server carried it, so a dashboard beside several servers finds it.
    await h.voice.callLogSettled();
    expect((await forBusiness(h.database.db, h.businessId).calls.get(callId))?.voiceServerUrl).toBe(
      PUBLIC_URL,
    );
  });

  it("refuses another business's token, a forged one and no token, as if the call did not exist", async () => {
    const { h } = await start();
    const { callId } = await placeCall(h);
    const other = tokenFor(h, 'biz_someone_else', 'owner');

    const listed = await fetch(`${h.serverUrl}/live/calls`, {
      headers: { authorization: `Bearer ${other}` },
    });
    expect(((await listed.json()) as { calls: unknown[] }).calls).toEqual([]);
    const events = await fetch(`${h.serverUrl}/live/calls/${callId}/events`, {
      headers: { authorization: `Bearer ${other}` },
    });
    expect(events.status).toBe(404);
    expect((await action(h, callId, other, { type: 'hang_up' })).status).toBe(404);

    const forged = mintLiveToken({
      secret: 'not-the-shared-secret-0123456789',
      businessId: h.businessId,
      userId: 'usr_x',
      role: 'owner',
      nowMs: h.now(),
    });
    expect(
      (await fetch(`${h.serverUrl}/live/calls`, { headers: { authorization: `Bearer ${forged}` } })).status,
    ).toBe(401);
    expect((await fetch(`${h.serverUrl}/live/calls/${callId}/events`)).status).toBe(401);
    expect(h.voice.activeCalls).toBe(1);
  });

  it('hang up from the live view: the caller hears a goodbye, Twilio ends the call, the log says who', async () => {
    const { h, engine } = await start();
    const { call, callId } = await placeCall(h);
    const stream = await openEvents(h, callId, tokenFor(h));

    const response = await action(h, callId, tokenFor(h), { type: 'hang_up' });
    expect(response.status).toBe(202);
    await stream.waitFor(() => stream.ended, 'the stream to end');
    expect(engine.last?.received.said).toContain(STAFF_HANG_UP_GOODBYE);
    const update = await h.twilioRest.waitForUpdate(call.callSid);
    expect(update.params.Status).toBe('completed');
    expect(stream.events.at(-1)?.data).toMatchObject({
      type: 'end',
      status: 'completed',
      reason: 'staff_hang_up',
    });

    await h.voice.callLogSettled();
    const row = await forBusiness(h.database.db, h.businessId).calls.get(callId);
    expect(row).toMatchObject({ status: 'completed', endReason: 'staff_hang_up' });
    expect(row?.turns.some((t) => t.role === 'system' && /Staff hung up/.test(t.text))).toBe(true);
    await stream.close();
  });

  it('take over: the call is transferred through Twilio to the typed number, after the destination policy', async () => {
    const { h } = await start();
    const { call, callId } = await placeCall(h);
    const token = tokenFor(h);

    const premium = await action(h, callId, token, { type: 'take_over', phoneNumber: '+19005550123' });
    expect(premium.status).toBe(422);
    expect(await premium.json()).toMatchObject({ error: 'destination_refused' });
    expect(h.twilioRest.updatesFor(call.callSid)).toEqual([]);

    const response = await action(h, callId, token, { type: 'take_over', phoneNumber: '+12125550188' });
    expect(response.status).toBe(202);
    const update = await h.twilioRest.waitForUpdate(call.callSid);
    expect(update.params.Twiml).toMatch(/<Dial\b[^>]*>\+12125550188<\/Dial>/);
    await h.voice.callLogSettled();
    const tenant = forBusiness(h.database.db, h.businessId);
    const deadline = performance.now() + 10_000;
    while ((await tenant.calls.get(callId))?.status !== 'transferred') {
      if (performance.now() > deadline) throw new Error('the call was never logged as transferred');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const row = await tenant.calls.get(callId);
    expect(row?.endReason).toMatch(/^staff_take_over/);
    expect(row?.turns.some((t) => t.role === 'system' && /took the call over/.test(t.text))).toBe(true);
  });

  it('whisper: the note reaches the agent, is logged in the timeline, and is not spoken', async () => {
    const { h, engine } = await start();
    const { callId } = await placeCall(h);
    const token = tokenFor(h);
    const stream = await openEvents(h, callId, token);

    const response = await action(h, callId, token, { type: 'whisper', note: 'Offer the 3 pm slot.' });
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ ok: true, delivered: true });
    expect(engine.last?.received.whispers).toEqual(['Offer the 3 pm slot.']);
    expect(engine.last?.received.said).not.toContain('Offer the 3 pm slot.');
    await stream.waitFor(
      () =>
        stream.events.some(
          (e) => e.event === 'turn' && e.data.role === 'system' && /3 pm/.test(String(e.data.text)),
        ),
      'the note in the live timeline',
    );
    expect((await action(h, callId, token, { type: 'whisper', note: '' })).status).toBe(400);
    await stream.close();
  });
});
