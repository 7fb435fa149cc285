import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { forBusiness } from '@receptionist/db';
import { createTestDatabase, type TestDatabase } from '@receptionist/db/testing';
import { type ClaimedJob, receiveVoicemail, tenantContext } from '@receptionist/domain';
import { createTestReceptionistBusiness } from '@receptionist/domain/testing';
import { FakeTwilioRestServer, fakeSid } from '@receptionist/telephony/testing';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PermanentJobError } from '../errors.ts';
import { createTwilioRecordingFetcher } from '../voicemail/recording-fetcher.ts';
import { createRecordingStore } from '../voicemail/recording-store.ts';
import type { Transcriber } from '../voicemail/transcriber.ts';
import { type VoicemailDeps, voicemailReceivedHandler } from './voicemail-received.ts';

const ACCOUNT = fakeSid('AC');
const TOKEN = 'token-0123456789';
const WAV = new Uint8Array([...Buffer.from('RIFF'), 1, 2, 3, 4, 5, 6, 7, 8]);
let database: TestDatabase;
let twilio: FakeTwilioRestServer;
let dir: string;
let businessId: string;

beforeEach(async () => {
  database = await createTestDatabase();
  businessId = (await createTestReceptionistBusiness(database.db)).business.id;
  twilio = await FakeTwilioRestServer.start();
  twilio.credentials = { username: ACCOUNT, password: TOKEN };
  dir = await mkdtemp(path.join(os.tmpdir(), 'voicemail-handler-'));
});
afterEach(async () => {
  await twilio.close();
  await database.cleanup();
  await rm(dir, { recursive: true, force: true });
});

function deps(options: { token?: string; transcribe?: Transcriber } = {}): VoicemailDeps {
  return {
    fetchRecording: createTwilioRecordingFetcher({
      accountSid: ACCOUNT,
      authToken: options.token ?? TOKEN,
      apiBaseUrl: twilio.url,
    }),
    store: createRecordingStore(dir),
    transcribe: options.transcribe ?? (async () => 'call me back'),
  };
}

async function voicemail(recordingSid = fakeSid('RE')) {
  const ctx = { ...tenantContext(database.db, businessId, { kind: 'system' }), nowMs: 1_000 };
  const { voicemail: row } = await receiveVoicemail({ ctx, input: { recordingSid, durationSeconds: 2 } });
  return row;
}

function run(handler: ReturnType<typeof voicemailReceivedHandler>, voicemailId: string) {
  return handler({
    job: { id: 'job_1', businessId } as ClaimedJob,
    payload: { voicemailId },
    db: database.db,
    now: () => 2_000,
    logger: pino({ level: 'silent' }),
    signal: new AbortController().signal,
  });
}

const tenantVoicemail = (id: string) => forBusiness(database.db, businessId).voicemails.get(id);

describe('voicemail.received', () => {
  it('retries while Twilio has no media yet (404), then stores and completes once', async () => {
    const row = await voicemail();
    const hints: unknown[] = [];
    await expect(run(voicemailReceivedHandler(deps()), row.id)).rejects.not.toBeInstanceOf(PermanentJobError);
    twilio.addRecording({ accountSid: ACCOUNT, sid: row.recordingSid, wav: WAV });
    const transcribe: Transcriber = async (_wav, given) => {
      hints.push(given);
      return 'call me back';
    };
    await run(voicemailReceivedHandler(deps({ transcribe })), row.id);
    await run(voicemailReceivedHandler(deps()), row.id); // a retried job: already complete, no refetch
    // The recogniser is told the business's words.
    expect(hints).toEqual([expect.objectContaining({ services: expect.arrayContaining(['Cleaning']) })]);
    expect(twilio.recordingFetches.map((fetch) => fetch.status)).toEqual([404, 200]);
    expect(await tenantVoicemail(row.id)).toMatchObject({
      transcript: 'call me back',
      audioBytes: WAV.byteLength,
      audioPath: `${businessId}/${row.id}.wav`,
      completedAt: 2_000,
    });
  });

  it('dead-letters on refused credentials and when Twilio is not configured', async () => {
    const row = await voicemail();
    twilio.addRecording({ accountSid: ACCOUNT, sid: row.recordingSid, wav: WAV });
    await expect(run(voicemailReceivedHandler(deps({ token: 'wrong' })), row.id)).rejects.toBeInstanceOf(
      PermanentJobError,
    );
    await expect(run(voicemailReceivedHandler(undefined), row.id)).rejects.toBeInstanceOf(PermanentJobError);
    await expect(run(voicemailReceivedHandler(deps()), 'vm_missing')).rejects.toBeInstanceOf(
      PermanentJobError,
    );
  });

  it('keeps the audio when the recogniser fails: completed without a transcript', async () => {
    const row = await voicemail();
    twilio.addRecording({ accountSid: ACCOUNT, sid: row.recordingSid, wav: WAV });
    const failing: Transcriber = async () => {
      throw new Error('pocketsphinx missing');
    };
    await run(voicemailReceivedHandler(deps({ transcribe: failing })), row.id);
    expect(await tenantVoicemail(row.id)).toMatchObject({ transcript: null, audioBytes: WAV.byteLength });
  });
});
