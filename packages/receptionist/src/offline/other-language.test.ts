import { forBusiness } from '@receptionist/db';
import { createTestCall, createTestDatabase, pinnedClock, type TestDatabase } from '@receptionist/db/testing';
import { loadBusinessProfile, seedDemoBusiness } from '@receptionist/domain';
import {
  type Conversation,
  type DecisionEvent,
  PHONE_AUDIO,
  type ToolResultEvent,
  type TranscriptEvent,
} from '@receptionist/engine';
import { createLocalEngine, type DialoguePolicyFactory, type PolicyAction } from '@receptionist/engine/local';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { receptionistCommitments } from '../commitments.ts';
import { toBusinessBrief } from '../instructions.ts';
import { buildReceptionistTools } from '../tools/index.ts';
import { offlineReceptionist } from './index.ts';
import { OtherLanguagePolicy } from './other-language.ts';

const CALLER_NUMBER = '+12125550123';
const BRIEF = {
  name: 'Bright Smile Dental',
  timeZone: 'America/New_York',
  services: [],
  transferDestinations: [{ id: 'front-desk', name: 'Front desk' }],
  vocabulary: [],
};

function said(actions: PolicyAction[]): string[] {
  return actions.flatMap((action) => (action.type === 'say' ? [action.text] : []));
}

function toolCalls(actions: PolicyAction[]) {
  return actions.flatMap((action) => (action.type === 'call_tool' ? [[action.name, action.args]] : []));
}

describe('offline policy for a language the engine cannot understand', () => {
  it('says so in Spanish and takes a message by keypad for a call back in Spanish', () => {
    const policy = new OtherLanguagePolicy({
      business: BRIEF,
      greeting: 'Gracias por llamar.',
      callerNumber: CALLER_NUMBER,
      language: 'es-MX',
    });
    expect(said(policy.handle({ type: 'start' }))).toEqual([
      'Gracias por llamar.',
      'Lo siento, este asistente automático solo entiende inglés.',
      'Para dejar un mensaje y que le devolvamos la llamada, oprima 1. Para hablar con una persona, oprima 2.',
    ]);
    // Speech heard through the English model is never taken as an answer.
    const heard = policy.handle({ type: 'caller_text', text: 'yes book me tomorrow' });
    expect(toolCalls(heard)).toEqual([]);
    expect(said(heard)[0]).toMatch(/^Para dejar un mensaje/);

    expect(toolCalls(policy.handle({ type: 'dtmf', digit: '1' }))).toEqual([
      [
        'take_message',
        {
          callbackNumber: CALLER_NUMBER,
          reason:
            'Please call back in Spanish (es-MX): the caller could not be understood by the automated line.',
          urgency: 'normal',
        },
      ],
    ]);
    const done = policy.handle({
      type: 'tool_result',
      name: 'take_message',
      result: { ok: true, message: 'ok' },
    });
    expect(said(done)).toEqual([
      'Gracias. He anotado su mensaje y le devolveremos la llamada en español.',
      'Adiós.',
    ]);
    expect(toolCalls(done).map(([name]) => name)).toEqual(['end_call']);
  });

  it('transfers to a person on 2, in French', () => {
    const policy = new OtherLanguagePolicy({ business: BRIEF, greeting: 'Bonjour.', language: 'fr-CA' });
    policy.handle({ type: 'start' });
    const actions = policy.handle({ type: 'dtmf', digit: '2' });
    expect(said(actions)).toEqual(['Un instant, je vous passe une personne.']);
    expect(toolCalls(actions)).toEqual([['transfer_call', { destination: 'Front desk' }]]);
  });

  it('asks for the number by keypad when there is no caller ID', () => {
    const policy = new OtherLanguagePolicy({ business: BRIEF, greeting: 'Hola.', language: 'es' });
    policy.handle({ type: 'start' });
    expect(said(policy.handle({ type: 'dtmf', digit: '1' }))).toEqual([
      'Marque su número de teléfono y después la tecla numeral.',
    ]);
    for (const digit of '21255501') policy.handle({ type: 'dtmf', digit });
    expect(said(policy.handle({ type: 'dtmf', digit: '#' }))[0]).toMatch(/no parece correcto/);
    for (const digit of '2125550199') policy.handle({ type: 'dtmf', digit });
    const taken = policy.handle({ type: 'dtmf', digit: '#' });
    expect(toolCalls(taken)[0]?.[1]).toMatchObject({ callbackNumber: '+12125550199' });
  });

  it('is what the offline receptionist uses for any language but English', () => {
    const setup = { business: BRIEF, greeting: 'Hola.', resumed: false, now: () => 0 };
    expect(offlineReceptionist.create({ ...setup, language: 'es-MX' })).toBeInstanceOf(OtherLanguagePolicy);
    expect(offlineReceptionist.create({ ...setup, language: 'en-GB' })).not.toBeInstanceOf(
      OtherLanguagePolicy,
    );
    expect(offlineReceptionist.create(setup)).not.toBeInstanceOf(OtherLanguagePolicy);
  });
});

// Whole offline calls: espeak-ng speaking Spanish, pocketsphinx listening, the real tools on a database.
let testDatabase: TestDatabase;
let businessId: string;
const conversations: Conversation[] = [];

beforeAll(async () => {
  testDatabase = await createTestDatabase();
  businessId = (await seedDemoBusiness(testDatabase.db)).id;
});
afterEach(async () => {
  for (const conversation of conversations.splice(0)) await conversation.close();
});
afterAll(async () => {
  await testDatabase?.cleanup();
});

async function startLocalCall(dialogue: DialoguePolicyFactory, language: string) {
  const now = pinnedClock('2026-03-02T15:00:00Z');
  const profile = await loadBusinessProfile(testDatabase.db, businessId);
  const call = await createTestCall(testDatabase.db, businessId, {
    channel: 'phone',
    fromNumber: CALLER_NUMBER,
    engine: 'local',
  });
  const conversation = await createLocalEngine({ dialogue, vad: 'energy' }).start({
    callId: call.id,
    businessId,
    callerNumber: CALLER_NUMBER,
    instructions: '',
    greeting: 'Gracias por llamar a Bright Smile Dental.',
    language,
    commitments: receptionistCommitments,
    audioFormat: PHONE_AUDIO,
    tools: buildReceptionistTools({ db: testDatabase.db, businessId, now }),
    business: toBusinessBrief(profile),
    now,
  });
  conversations.push(conversation);
  const transcripts: TranscriptEvent[] = [];
  const results: ToolResultEvent[] = [];
  const decisions: DecisionEvent[] = [];
  let audioBytes = 0;
  conversation.on('transcript', (event) => transcripts.push(event));
  conversation.on('tool_result', (event) => results.push(event));
  conversation.on('decision', (event) => decisions.push(event));
  conversation.on('agent_audio', ({ audio }) => {
    audioBytes += audio.length;
  });
  const agentText = () =>
    transcripts
      .filter((event) => event.role === 'agent' && event.final)
      .map((event) => event.text)
      .join(' ');
  return { conversation, call, transcripts, results, decisions, agentText, audioBytes: () => audioBytes };
}

const CALL_TIMEOUT_MS = 60_000;

describe('offline engine, a Spanish caller', () => {
  it(
    'speaks Spanish through espeak-ng and takes a message for a Spanish call back by keypad',
    async () => {
      const call = await startLocalCall(offlineReceptionist, 'es-MX');
      await expect.poll(call.agentText, { timeout: 20_000, interval: 50 }).toContain('solo entiende inglés');
      expect(call.audioBytes()).toBeGreaterThan(8_000);
      // Latin American Spanish from espeak-ng: flite speaks only English.
      expect(call.decisions.find((decision) => decision.kind === 'engine_ready')?.data?.voice).toBe(
        'espeak-ng-es-419',
      );
      call.conversation.pushDtmf('1');
      await expect.poll(call.agentText, { timeout: 20_000, interval: 50 }).toContain('He anotado su mensaje');
      expect(call.results.map((result) => [result.name, result.status])).toEqual([
        ['take_message', 'ok'],
        ['end_call', 'ok'],
      ]);
      const messages = await forBusiness(testDatabase.db, businessId).messages.list({ limit: 10 });
      const message = messages.find((row) => row.callId === call.call.id);
      expect(message?.reason).toContain('Spanish (es-MX)');
      // The message was taken, so its confirmation stood: nothing was replaced.
      expect(call.decisions.map((decision) => decision.kind)).not.toContain('commitment_unbacked');
    },
    CALL_TIMEOUT_MS,
  );

  it(
    'replaces a confirmation its policy makes without the tool behind it',
    async () => {
      // A policy that claims a booking at once: the engine's check must stop it before it is spoken.
      const boastful: DialoguePolicyFactory = {
        fixedSentences: [],
        create: () => ({
          handle: (input) =>
            input.type === 'start'
              ? [{ type: 'say', text: "Good news, you're booked for tomorrow at ten." }]
              : [],
        }),
      };
      const call = await startLocalCall(boastful, 'en-US');
      await expect
        .poll(call.agentText, { timeout: 20_000, interval: 50 })
        .toBe("I haven't booked anything yet. Would you like me to check the times and book it?");
      expect(call.decisions).toContainEqual(
        expect.objectContaining({
          kind: 'commitment_unbacked',
          detail: 'booking',
          data: expect.objectContaining({ source: 'local_policy' }),
        }),
      );
    },
    CALL_TIMEOUT_MS,
  );
});
