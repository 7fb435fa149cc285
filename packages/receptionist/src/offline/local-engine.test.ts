import { forBusiness } from '@receptionist/db';
import { createTestCall, createTestDatabase, pinnedClock, type TestDatabase } from '@receptionist/db/testing';
import { loadBusinessProfile, seedDemoBusiness } from '@receptionist/domain';
import {
  type AudioFormat,
  BROWSER_AUDIO,
  type Conversation,
  PHONE_AUDIO,
  type TranscriptEvent,
} from '@receptionist/engine';
import {
  asBrowserAudio,
  createLocalEngine,
  LOCAL_ENGINE_CAPABILITIES,
  silence,
  speakAsCaller,
  throughPhoneChannel,
} from '@receptionist/engine/local';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { toBusinessBrief } from '../instructions.ts';
import { buildReceptionistTools } from '../tools/index.ts';
import { offlineReceptionist } from './index.ts';

/** Browser calls (PCM16 24 kHz), typed text, keypad digits and barge-in, against the real tools. */

let testDatabase: TestDatabase;
let businessId: string;
const open: Conversation[] = [];

// Monday 2 March 2026, 10:00 in New York: these calls take messages and transfers, never today's date.
const NOW = pinnedClock('2026-03-02T15:00:00Z');

beforeAll(async () => {
  testDatabase = await createTestDatabase();
  businessId = (await seedDemoBusiness(testDatabase.db)).id;
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((conversation) => conversation.close()));
});
afterAll(async () => {
  await testDatabase?.cleanup();
});

async function start(audioFormat: AudioFormat, callerNumber?: string, greeting?: string) {
  const profile = await loadBusinessProfile(testDatabase.db, businessId);
  const call = await createTestCall(testDatabase.db, businessId, { channel: 'browser', engine: 'local' });
  const conversation = await createLocalEngine({ dialogue: offlineReceptionist }).start({
    callId: call.id,
    businessId,
    callerNumber,
    instructions: '',
    greeting: greeting ?? profile.greeting,
    audioFormat,
    tools: buildReceptionistTools({ db: testDatabase.db, businessId, now: NOW }),
    business: toBusinessBrief(profile),
    now: NOW,
  });
  open.push(conversation);
  const transcripts: TranscriptEvent[] = [];
  const audio: Uint8Array[] = [];
  const decisions: string[] = [];
  conversation.on('decision', (event) => decisions.push(event.kind));
  conversation.on('transcript', (event) => transcripts.push(event));
  conversation.on('agent_audio', (event) => audio.push(event.audio));
  const agentSaid = () =>
    transcripts
      .filter((event) => event.role === 'agent')
      .map((event) => event.text)
      .join(' ');
  return { conversation, transcripts, audio, decisions, agentSaid, greeting: greeting ?? profile.greeting };
}

// Calls spoken in (near) real time, with recognition and synthesis on a shared 2-core machine.
const CALL_TEST_TIMEOUT_MS = 150_000;

describe('createLocalEngine', () => {
  it(
    'declares what it can do',
    () => {
      const engine = createLocalEngine({ dialogue: offlineReceptionist });
      expect(engine.name).toBe('local');
      expect(engine.capabilities).toEqual(LOCAL_ENGINE_CAPABILITIES);
      expect(engine.capabilities).toMatchObject({
        turnDetection: true,
        callerTranscription: true,
        textInput: true,
        dtmf: true,
      });
    },
    CALL_TEST_TIMEOUT_MS,
  );

  it(
    'runs a browser call from typed text and keypad digits, speaking PCM16 at 24 kHz',
    async () => {
      const call = await start(BROWSER_AUDIO);
      await expect.poll(call.agentSaid, { timeout: 15_000 }).toContain(call.greeting);
      call.conversation.pushText('I would like to leave a message');
      await expect.poll(call.agentSaid, { timeout: 15_000 }).toMatch(/your name/i);
      call.conversation.pushText('My name is Ann Lee');
      await expect.poll(call.agentSaid, { timeout: 15_000 }).toMatch(/call you back on/i);
      for (const digit of '3105550142') call.conversation.pushDtmf(digit);
      await expect.poll(call.agentSaid, { timeout: 15_000 }).toMatch(/message to say/i);
      call.conversation.pushText('Please call me about my crown');
      await expect.poll(call.agentSaid, { timeout: 15_000 }).toMatch(/anything else/i);

      const messages = await forBusiness(testDatabase.db, businessId).messages.list();
      const message = messages.find((row) => row.reason.includes('crown'));
      expect(message?.callerName).toBe('Ann Lee');
      expect(message?.callerNumber).toBe('+13105550142');
      // PCM16 at 24 kHz: even byte counts and about a second of audio per short sentence.
      const bytes = call.audio.reduce((sum, chunk) => sum + chunk.byteLength, 0);
      expect(bytes % 2).toBe(0);
      expect(bytes / 2 / 24_000).toBeGreaterThan(5);
    },
    CALL_TEST_TIMEOUT_MS,
  );

  it(
    'speaks a session prompt after the greeting',
    async () => {
      const call = await start(BROWSER_AUDIO);
      await expect.poll(call.agentSaid, { timeout: 15_000 }).toContain(call.greeting);
      const audioBefore = call.audio.length;
      call.conversation.say?.('Are you still there?');
      await expect.poll(call.agentSaid, { timeout: 15_000 }).toMatch(/Are you still there\?$/);
      expect(call.audio.length).toBeGreaterThan(audioBefore);
    },
    CALL_TEST_TIMEOUT_MS,
  );

  it(
    'hears a browser caller speaking PCM16 at 24 kHz',
    async () => {
      const call = await start(BROWSER_AUDIO);
      await expect.poll(call.agentSaid, { timeout: 15_000 }).toContain(call.greeting);
      call.conversation.pushAudio(asBrowserAudio(await speakAsCaller('can i talk to a person')));
      call.conversation.pushAudio(silence('pcm16', 1500));
      await expect
        .poll(() => call.transcripts.find((event) => event.role === 'caller')?.text, { timeout: 20_000 })
        .toBe('can i talk to a person');
      await expect.poll(call.agentSaid, { timeout: 15_000 }).toMatch(/transfer/i);
    },
    CALL_TEST_TIMEOUT_MS,
  );

  it(
    'stops its reply when the caller talks over it (barge-in)',
    async () => {
      const speech = await throughPhoneChannel(await speakAsCaller('hello is anyone there'));
      // A greeting no earlier call has said, so it is synthesised now rather than replayed from the cache.
      // Many sentences, each synthesised in turn: however loaded the machine, the caller's speech is detected
      // long before the last one would be produced, so the reply must come out cut short.
      const sentences = [
        'Hello from the barge in test.',
        'This second sentence is long enough to still be in the synthesiser.',
        'A third sentence keeps the reply going for a while longer.',
        'The fourth sentence talks about opening hours on weekdays.',
        'The fifth sentence mentions parking behind the building.',
        'The sixth sentence describes the new patient forms.',
        'The seventh sentence covers insurance and payment plans.',
        'And the eighth sentence finally says goodbye to the caller.',
      ];
      const greeting = sentences.join(' ');
      const call = await start(PHONE_AUDIO, '+12125550123', greeting);
      const started: number[] = [];
      call.conversation.on('caller_speech_started', (event) => started.push(event.atMs));
      // The caller talks as soon as the greeting's first sentence is out; its second sentence must not follow.
      await expect.poll(() => call.audio.length, { timeout: 15_000, interval: 5 }).toBeGreaterThan(0);
      const leadMs = 200;
      call.conversation.pushAudio(silence('mulaw', leadMs));
      call.conversation.pushAudio(speech);
      call.conversation.pushAudio(silence('mulaw', 1000));

      await expect.poll(() => started.length, { timeout: 15_000 }).toBeGreaterThan(0);
      // Detected within one 32 ms VAD frame of where the audio turns to speech (flite adds a short lead-in).
      expect(started[0]).toBeGreaterThanOrEqual(leadMs - 32);
      expect(started[0]).toBeLessThan(leadMs + 300);
      await expect
        .poll(() => call.transcripts.some((event) => event.role === 'agent'), { timeout: 15_000 })
        .toBe(true);
      const first = call.transcripts.find((event) => event.role === 'agent');
      expect(first?.interrupted).toBe(true);
      expect(first?.text.startsWith(sentences[0] ?? '')).toBe(true);
      expect(first?.text.length).toBeLessThan(greeting.length);
    },
    CALL_TEST_TIMEOUT_MS,
  );
});
