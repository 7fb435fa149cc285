import { forBusiness } from '@receptionist/db';
import { tenantContext, updateBusinessProfile } from '@receptionist/domain';
import type { ConversationConfig, Engine } from '@receptionist/engine';
import { createLocalEngine, type DialoguePolicyFactory } from '@receptionist/engine/local';
import { createScriptedEngine } from '@receptionist/engine/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { CALLER_NUMBER, startVoiceHarness, type VoiceHarness } from './testing/voice-harness.ts';

let harness: VoiceHarness | undefined;

afterEach(async () => {
  await harness?.cleanup();
  harness = undefined;
});

const SPANISH_GREETING = 'Gracias por llamar a Bright Smile Dental. ¿En qué le puedo ayudar?';

/** A scripted engine that keeps the configs it was started with: what the session handed the engine. */
function recordingEngine(): { engine: Engine; configs: ConversationConfig[] } {
  const scripted = createScriptedEngine({});
  const configs: ConversationConfig[] = [];
  const engine: Engine = {
    name: scripted.name,
    capabilities: scripted.capabilities,
    start: (config) => {
      configs.push(config);
      return scripted.start(config);
    },
  };
  return { engine, configs };
}

async function bilingualHarness(profile: Record<string, unknown>) {
  const { engine, configs } = recordingEngine();
  harness = await startVoiceHarness({ engine });
  await updateBusinessProfile({
    ctx: tenantContext(harness.database.db, harness.businessId, { kind: 'api', apiKeyId: 'test' }),
    input: {
      languages: ['en-US', 'es-MX'],
      translations: { 'es-MX': { greeting: SPANISH_GREETING } },
      ...profile,
    },
  });
  return { h: harness, configs };
}

async function waitFor<T>(read: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function waitForAsync<T>(read: () => Promise<T | undefined>, what: string): Promise<T> {
  const deadline = performance.now() + 10_000;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('calls in the business languages', () => {
  it('offers a keypad language choice and starts the session in the language the caller keyed', async () => {
    const { h, configs } = await bilingualHarness({ offerLanguageChoice: true });
    const callSid = `CA${'1'.repeat(32)}`;
    const menu = await h.twilio.postVoiceWebhook({ from: CALLER_NUMBER, to: h.businessNumber, callSid });
    // No stream yet: a <Gather> with one line per language, each in its own language and voice.
    expect(menu.twiml.stream).toBeUndefined();
    expect(menu.twiml.gather?.action).toBe('https://voice.example.test/twilio/voice/language');
    expect(menu.twiml.says).toEqual(['For English, press 1.', 'Para español, oprima 2.']);
    expect(menu.twiml.sayVoices).toEqual([
      { language: 'en-US', voice: 'Polly.Joanna' },
      { language: 'es-MX', voice: 'Polly.Mia' },
    ]);

    const chosen = await h.twilio.answerGather(menu.twiml.gather?.action ?? '', callSid, '2');
    expect(chosen.twiml.stream?.parameters.language).toBe('es-MX');
    // The disclosure in Spanish, in a Spanish voice, before the AI hears anything.
    expect(chosen.twiml.says[0]).toBe('Soy un asistente de inteligencia artificial de Bright Smile Dental.');
    expect(chosen.twiml.sayVoices[0]).toEqual({ language: 'es-MX', voice: 'Polly.Mia' });

    const call = await h.twilio.placeCall({ from: CALLER_NUMBER, to: h.businessNumber, keypad: '2' });
    const config = await waitFor(() => configs[0], 'the engine to start');
    expect(config.language).toBe('es-MX');
    expect(config.languages).toEqual(['en-US', 'es-MX']);
    expect(config.greeting).toBe(SPANISH_GREETING);
    expect(config.commitments).toBeDefined();
    expect(config.instructions).toContain('This call starts in Spanish (es-MX)');
    call.stop();
  });

  it('goes on in the primary language when the caller keys nothing or a digit the menu has not', async () => {
    const { h, configs } = await bilingualHarness({ offerLanguageChoice: true });
    const silent = await h.twilio.placeCall({ from: CALLER_NUMBER, to: h.businessNumber });
    expect(silent.answer.twiml.stream?.parameters.language).toBe('en-US');
    expect(silent.answer.twiml.sayVoices[0]).toEqual({ language: 'en-US', voice: 'Polly.Joanna' });
    const config = await waitFor(() => configs[0], 'the engine to start');
    expect(config.language).toBe('en-US');
    expect(config.greeting).not.toBe(SPANISH_GREETING);

    const wrong = await h.twilio.placeCall({ from: CALLER_NUMBER, to: h.businessNumber, keypad: '7' });
    expect(wrong.answer.twiml.stream?.parameters.language).toBe('en-US');
  });

  it('refuses a language choice for a call that is not waiting at the menu', async () => {
    const { h } = await bilingualHarness({ offerLanguageChoice: true });
    const call = await h.twilio.placeCall({ from: CALLER_NUMBER, to: h.businessNumber, keypad: '2' });
    const callSid = call.callSid;
    const callId = call.answer.twiml.stream?.parameters.callId ?? '';
    // Once the stream started the call is answered; only then is a replay a replay.
    await waitForAsync(
      async () =>
        (await forBusiness(h.database.db, h.businessId).calls.get(callId))?.status === 'ringing'
          ? undefined
          : true,
      'the call to be answered',
    );
    const replay = await h.twilio.answerGather(
      'https://voice.example.test/twilio/voice/language',
      callSid,
      '2',
    );
    expect(replay.twiml.stream).toBeUndefined();
    expect(replay.twiml.hasHangup).toBe(true);
  });

  it('answers a business whose primary language is Spanish in Spanish, without a menu', async () => {
    const { h, configs } = await bilingualHarness({ primaryLanguage: 'es-MX', greeting: SPANISH_GREETING });
    const call = await h.twilio.placeCall({ from: CALLER_NUMBER, to: h.businessNumber });
    expect(call.answer.twiml.sayVoices[0]).toEqual({ language: 'es-MX', voice: 'Polly.Mia' });
    expect(call.answer.twiml.stream?.parameters.language).toBe('es-MX');
    const config = await waitFor(() => configs[0], 'the engine to start');
    expect(config.language).toBe('es-MX');
  });
});

describe('unbacked confirmations on a phone call', () => {
  it('are replaced before they are spoken and counted in the metrics', async () => {
    // A dialogue policy that claims a booking it never made: the engine's check, wired by the directory
    // (receptionistCommitments), must replace it, and the relay must count it.
    const boastful: DialoguePolicyFactory = {
      fixedSentences: [],
      create: () => ({
        handle: (input) =>
          input.type === 'start'
            ? [{ type: 'say', text: "Good news, you're booked for tomorrow at ten." }]
            : [],
      }),
    };
    harness = await startVoiceHarness({ engine: createLocalEngine({ dialogue: boastful, vad: 'energy' }) });
    const h = harness;
    const call = await h.twilio.placeCall({ from: CALLER_NUMBER, to: h.businessNumber });
    const callId = call.answer.twiml.stream?.parameters.callId ?? '';
    const turns = await waitForAsync(async () => {
      const row = await forBusiness(h.database.db, h.businessId).calls.get(callId);
      return (row?.turns.length ?? 0) > 0 ? row?.turns : undefined;
    }, 'the first agent turn');
    expect(turns[0]?.text).toBe(
      "I haven't booked anything yet. Would you like me to check the times and book it?",
    );
    const counted = await h.voice.metrics.unbackedCommitments.get();
    expect(counted.values).toEqual([
      expect.objectContaining({ labels: { kind: 'booking', source: 'local_policy' }, value: 1 }),
    ]);
    call.stop();
  });
});
