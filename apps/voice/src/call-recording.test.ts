import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readWav } from '@receptionist/audio';
import { forBusiness } from '@receptionist/db';
import { DEMO_BUSINESS_ID, loadBusinessProfile, saveBusinessProfile } from '@receptionist/domain';
import { createScriptedEngine } from '@receptionist/engine/testing';
import { createDefaultHandlers, createWorker } from '@receptionist/worker';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CALLER_NUMBER,
  silenceMulaw,
  speechMulaw,
  startVoiceHarness,
  type VoiceHarness,
} from './testing/voice-harness.ts';

const DAY_MS = 86_400_000;
let harness: VoiceHarness | undefined;
let recordingsDir = '';

afterEach(async () => {
  await harness?.cleanup();
  harness = undefined;
  await rm(recordingsDir, { recursive: true, force: true });
});

async function start(record: boolean): Promise<VoiceHarness> {
  recordingsDir = await mkdtemp(path.join(os.tmpdir(), 'call-recordings-'));
  const h = await startVoiceHarness({
    engine: createScriptedEngine({ greeting: { text: 'Hello, Bright Smile Dental.', audioMs: 400 } }),
    env: { RECORDINGS_DIR: recordingsDir },
  });
  harness = h;
  const profile = await loadBusinessProfile(h.database.db, DEMO_BUSINESS_ID);
  await saveBusinessProfile(h.database.db, DEMO_BUSINESS_ID, {
    ...profile,
    callRecording: { enabled: record, retentionDays: 7 },
  });
  return h;
}

/**
 * Places a call: the agent greets (400 ms) while the line carries 500 ms of the caller's silence, as Twilio
 * streams every 20 ms frame, then the caller speaks for 300 ms and hangs up.
 */
async function callAndHangUp(h: VoiceHarness) {
  const call = await h.twilio.placeCall({ from: CALLER_NUMBER, to: h.businessNumber });
  await call.waitForAudio(400 * 8);
  await call.sendAudio(silenceMulaw(500));
  await call.sendAudio(speechMulaw(300));
  call.stop();
  return { callId: call.answer.twiml.stream?.parameters.callId ?? '', says: call.answer.twiml.says };
}

describe('call recording', () => {
  it('tells the caller, keeps both sides of a phone call in one WAV, and deletes it after the retention period', async () => {
    const h = await start(true);
    const { callId, says } = await callAndHangUp(h);
    expect(says.join(' ')).toContain('This call is recorded.');
    const tenant = forBusiness(h.database.db, h.businessId);
    await expect.poll(() => tenant.callRecordings.getByCall(callId), { timeout: 10_000 }).toBeDefined();
    const recording = await tenant.callRecordings.getByCall(callId);
    expect(recording).toMatchObject({ audioPath: `${h.businessId}/calls/${callId}.wav` });
    expect(recording?.expiresAt).toBe(h.now() + 7 * DAY_MS);
    const file = path.join(recordingsDir, recording?.audioPath ?? 'missing');
    const audio = readWav(new Uint8Array(await readFile(file)));
    expect(audio).toMatchObject({ sampleRate: 8_000, channels: 1 });
    // One timeline: the greeting over the caller's silence (0–400 ms), then the caller's words (500–800 ms).
    expect(recording?.durationMs).toBe(800);
    expect(audio.samples.length).toBe(800 * 8);
    const heard = (fromMs: number, toMs: number) =>
      audio.samples.subarray(fromMs * 8, toMs * 8).some((sample) => sample !== 0);
    expect(heard(0, 400)).toBe(true);
    expect(heard(410, 490)).toBe(false);
    expect(heard(500, 800)).toBe(true);

    // A week later the worker deletes the file and records it.
    let clock = h.now();
    const worker = createWorker({
      db: h.database.db,
      handlers: createDefaultHandlers({ recordingsDir }),
      now: () => clock,
      random: () => 0.5,
      logger: pino({ level: 'silent' }),
      concurrency: 1,
      pollIntervalMs: 20,
      leaseMs: 30_000,
      maxAttempts: 3,
    });
    worker.start();
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect((await stat(file)).size).toBeGreaterThan(44); // not due yet
      clock = h.now() + 7 * DAY_MS;
      await expect
        .poll(async () => (await tenant.callRecordings.getByCall(callId))?.deletedAt, { timeout: 10_000 })
        .toBe(clock);
      await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
    } finally {
      await worker.stop({ timeoutMs: 5_000 });
    }
  });

  it('records nothing and says nothing about recording when the business has it off (the default)', async () => {
    const h = await start(false);
    const { callId, says } = await callAndHangUp(h);
    expect(says.join(' ')).not.toContain('recorded');
    const calls = forBusiness(h.database.db, h.businessId).calls;
    await expect
      .poll(async () => (await calls.get(callId))?.endedAt ?? null, { timeout: 10_000 })
      .not.toBeNull();
    expect(await forBusiness(h.database.db, h.businessId).callRecordings.getByCall(callId)).toBeUndefined();
    await expect(stat(path.join(recordingsDir, h.businessId))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
