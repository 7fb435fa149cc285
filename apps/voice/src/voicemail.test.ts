import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { mulawDecode, writeWav } from '@receptionist/audio';
import { forBusiness } from '@receptionist/db';
import { silence, speakAsCaller, throughPhoneChannel } from '@receptionist/engine/local';
import { createScriptedEngine } from '@receptionist/engine/testing';
import { fakeSid } from '@receptionist/telephony/testing';
import {
  createDefaultHandlers,
  createLocalTranscriber,
  createRecordingStore,
  createTwilioRecordingFetcher,
  createWorker,
  type Worker,
} from '@receptionist/worker';
import pino from 'pino';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CALLER_NUMBER, startVoiceHarness, type VoiceHarness } from './testing/voice-harness.ts';

const WORDS = 'please call me back about my cleaning';
let harness: VoiceHarness | undefined;
let worker: Worker | undefined;
let recordingsDir: string;
let voicemailWav: Uint8Array;

beforeAll(async () => {
  // A voicemail as Twilio stores one: 8 kHz mono PCM16 WAV of phone-line audio.
  const line = await throughPhoneChannel(await speakAsCaller(WORDS, 'rms'));
  voicemailWav = writeWav(mulawDecode(new Uint8Array([...silence('mulaw', 500), ...line])), {
    sampleRate: 8_000,
  });
});
afterEach(async () => {
  await worker?.stop({ timeoutMs: 5_000 });
  worker = undefined;
  await harness?.cleanup();
  harness = undefined;
  if (recordingsDir) await rm(recordingsDir, { recursive: true, force: true });
});

/** A voice server whose business has no human line (so the fallback is voicemail) and a worker beside it. */
async function start(): Promise<VoiceHarness> {
  const h = await startVoiceHarness({ engine: createScriptedEngine(), business: { humanLine: undefined } });
  harness = h;
  recordingsDir = await mkdtemp(path.join(os.tmpdir(), 'voicemail-recordings-'));
  h.twilioRest.credentials = {
    username: h.env.twilio.accountSid ?? '',
    password: h.env.twilio.authToken ?? '',
  };
  worker = createWorker({
    db: h.database.db,
    handlers: createDefaultHandlers({
      voicemail: {
        fetchRecording: createTwilioRecordingFetcher({
          accountSid: h.env.twilio.accountSid ?? '',
          authToken: h.env.twilio.authToken ?? '',
          apiBaseUrl: h.twilioRest.url,
        }),
        store: createRecordingStore(recordingsDir),
        transcribe: createLocalTranscriber(),
      },
    }),
    now: h.now,
    random: () => 0.5,
    logger: pino({ level: 'silent' }),
    concurrency: 1,
    pollIntervalMs: 20,
    leaseMs: 30_000,
    maxAttempts: 3,
  });
  worker.start();
  return h;
}

function recordingCallback(h: VoiceHarness, callSid: string, recordingSid: string) {
  return {
    AccountSid: h.twilio.accountSid,
    CallSid: callSid,
    RecordingSid: recordingSid,
    RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/${h.twilio.accountSid}/Recordings/${recordingSid}`,
    RecordingStatus: 'completed',
    RecordingDuration: '3',
    RecordingChannels: '1',
    RecordingSource: 'RecordVerb',
  };
}

describe('voicemail', () => {
  it('a signed recording callback becomes a message with stored audio and a transcript within seconds', async () => {
    const h = await start();
    const callSid = fakeSid('CA');
    const answer = await h.twilio.postVoiceWebhook({ from: CALLER_NUMBER, to: h.businessNumber, callSid });
    // The fallback <Record> reports to our signed routes.
    expect(answer.body).toContain('recordingStatusCallback="https://voice.example.test/twilio/voicemail"');
    expect(answer.body).toContain('action="https://voice.example.test/twilio/voicemail/done"');
    const done = await h.twilio.post('/twilio/voicemail/done', { CallSid: callSid, RecordingSid: 'x' });
    expect(await done.text()).toContain('<Hangup/>');

    const recordingSid = fakeSid('RE');
    h.twilioRest.addRecording({ accountSid: h.twilio.accountSid, sid: recordingSid, wav: voicemailWav });
    const sentAt = performance.now();
    const response = await h.twilio.post('/twilio/voicemail', recordingCallback(h, callSid, recordingSid));
    expect(response.status).toBe(204);
    // Twilio retries callbacks: a replay changes nothing.
    expect(
      (await h.twilio.post('/twilio/voicemail', recordingCallback(h, callSid, recordingSid))).status,
    ).toBe(204);

    const tenant = forBusiness(h.database.db, h.businessId);
    await expect
      .poll(
        async () => (await tenant.messages.list()).filter((m) => m.reason.startsWith('Voicemail:')).length,
        {
          timeout: 10_000,
          interval: 50,
        },
      )
      .toBe(1);
    const elapsedMs = performance.now() - sentAt;
    const [message] = await tenant.messages.list();
    const voicemail = await tenant.voicemails.getByMessage(message?.id ?? '');
    expect(message).toMatchObject({ callerNumber: CALLER_NUMBER });
    expect(voicemail).toMatchObject({ recordingSid, durationSeconds: 3, audioContentType: 'audio/wav' });
    const heard = new Set(voicemail?.transcript?.split(' '));
    // The business's own words (its services) shape the recogniser: "cleaning" is heard, not "evening".
    for (const word of ['please', 'call', 'back', 'cleaning']) expect(heard).toContain(word);
    const stored = await readFile(path.join(recordingsDir, voicemail?.audioPath ?? 'missing'));
    expect(new Uint8Array(stored)).toEqual(voicemailWav);
    // Fetched once, with the account's credentials.
    expect(h.twilioRest.recordingFetches).toEqual([
      { sid: recordingSid, username: h.twilio.accountSid, status: 200 },
    ]);
    expect(elapsedMs).toBeLessThan(10_000);
  });

  it('refuses an unsigned or forged recording callback with 403 and stores nothing', async () => {
    const h = await start();
    const callSid = fakeSid('CA');
    await h.twilio.postVoiceWebhook({ from: CALLER_NUMBER, to: h.businessNumber, callSid });
    const params = recordingCallback(h, callSid, fakeSid('RE'));
    expect((await h.twilio.post('/twilio/voicemail', params, { signature: null })).status).toBe(403);
    expect((await h.twilio.post('/twilio/voicemail', params, { signature: 'Zm9yZ2Vk' })).status).toBe(403);
    expect((await h.twilio.post('/twilio/voicemail/done', params, { signature: null })).status).toBe(403);
    expect(await forBusiness(h.database.db, h.businessId).messages.list()).toEqual([]);
  });
});
