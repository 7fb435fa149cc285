import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createUser, forBusiness } from '@receptionist/db';
import { createTestBusiness, createTestDatabase, type TestDatabase } from '@receptionist/db/testing';
import {
  attachCallRecording,
  completeVoicemail,
  expireCallRecording,
  receiveVoicemail,
  saveBusinessProfile,
  startCall,
  tenantContext,
} from '@receptionist/domain';
import { createTestProfile } from '@receptionist/domain/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseByteRange, serveCallRecording, serveVoicemailAudio } from './recording-audio.ts';

const AUDIO = new Uint8Array(Array.from({ length: 100 }, (_, index) => index));
let testDb: TestDatabase;
let dir: string;
let businessA: string;
let businessB: string;
let member: string;
let outsider: string;
let voicemailA: string;
let pendingA: string;

async function storedVoicemail(businessId: string, sid: string, audioPath?: string): Promise<string> {
  const ctx = { ...tenantContext(testDb.db, businessId, { kind: 'system' }), nowMs: 1_000 };
  const { voicemail } = await receiveVoicemail({ ctx, input: { recordingSid: sid, durationSeconds: 1 } });
  if (audioPath !== undefined) {
    await mkdir(path.dirname(path.join(dir, audioPath)), { recursive: true });
    await writeFile(path.join(dir, audioPath), AUDIO);
    await completeVoicemail({
      ctx,
      input: {
        voicemailId: voicemail.id,
        audioPath,
        audioBytes: AUDIO.length,
        audioContentType: 'audio/wav',
        transcript: 'hello',
      },
    });
  }
  return voicemail.id;
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  dir = await mkdtemp(path.join(os.tmpdir(), 'web-recordings-'));
  businessA = (await createTestBusiness(testDb.db, { name: 'Alpha' })).id;
  businessB = (await createTestBusiness(testDb.db, { name: 'Beta' })).id;
  member = (await createUser(testDb.db, { email: 'member@example.test' })).id;
  outsider = (await createUser(testDb.db, { email: 'outsider@example.test' })).id;
  await forBusiness(testDb.db, businessA).members.set(member, 'staff');
  await forBusiness(testDb.db, businessB).members.set(outsider, 'owner');
  voicemailA = await storedVoicemail(businessA, `RE${'a'.repeat(32)}`, `${businessA}/vm-a.wav`);
  pendingA = await storedVoicemail(businessA, `RE${'b'.repeat(32)}`);
});
afterAll(async () => {
  await testDb.cleanup();
  await rm(dir, { recursive: true, force: true });
});

function play(userId: string | null, businessId: string, voicemailId: string, range: string | null = null) {
  return serveVoicemailAudio({ db: testDb.db, recordingsDir: dir, userId, businessId, voicemailId, range });
}

describe('call recording playback and download', () => {
  it('serves a kept recording to members only, and nothing once it is deleted', async () => {
    await saveBusinessProfile(
      testDb.db,
      businessA,
      createTestProfile({ name: 'Alpha', callRecording: { enabled: true, retentionDays: 1 } }),
    );
    const tenant = forBusiness(testDb.db, businessA);
    const call = await startCall({ ctx: { tenant }, input: { channel: 'phone', engine: 'local' } });
    const audioPath = `${businessA}/calls/${call.id}.wav`;
    await mkdir(path.dirname(path.join(dir, audioPath)), { recursive: true });
    await writeFile(path.join(dir, audioPath), AUDIO);
    const ctx = { ...tenantContext(testDb.db, businessA, { kind: 'system' }), nowMs: 1_000 };
    const recording = await attachCallRecording({
      ctx,
      input: { callId: call.id, audioPath, audioBytes: AUDIO.length, durationMs: 6 },
    });
    const get = (userId: string | null, businessId: string, download = false) =>
      serveCallRecording({
        db: testDb.db,
        recordingsDir: dir,
        userId,
        businessId,
        callId: call.id,
        range: null,
        download,
      });

    const played = await get(member, businessA);
    expect(played.status).toBe(200);
    expect(new Uint8Array(await played.arrayBuffer())).toEqual(AUDIO);
    expect((await get(member, businessA, true)).headers.get('content-disposition')).toBe(
      `attachment; filename="call-${call.id}.wav"`,
    );
    expect((await get(null, businessA)).status).toBe(401);
    expect((await get(outsider, businessA)).status).toBe(404);
    expect((await get(outsider, businessB)).status).toBe(404);

    await expireCallRecording({
      ctx: { ...ctx, nowMs: recording.expiresAt },
      input: { recordingId: recording.id },
    });
    expect((await get(member, businessA)).status).toBe(404);
  });
});

describe('voicemail playback', () => {
  it('plays for a member of the business, whole or by range', async () => {
    const whole = await play(member, businessA, voicemailA);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('audio/wav');
    expect(whole.headers.get('cache-control')).toBe('private, no-store');
    expect(new Uint8Array(await whole.arrayBuffer())).toEqual(AUDIO);
    const part = await play(member, businessA, voicemailA, 'bytes=10-19');
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 10-19/100');
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(AUDIO.subarray(10, 20));
    expect((await play(member, businessA, voicemailA, 'bytes=500-')).status).toBe(416);
  });

  it('refuses the signed-out (401), non-members and other businesses’ ids (404)', async () => {
    expect((await play(null, businessA, voicemailA)).status).toBe(401);
    expect((await play(outsider, businessA, voicemailA)).status).toBe(404);
    // A member of B asking through B's id for A's voicemail finds nothing.
    expect((await play(outsider, businessB, voicemailA)).status).toBe(404);
    // Not fetched yet: nothing to play.
    expect((await play(member, businessA, pendingA)).status).toBe(404);
  });

  it('parses the byte ranges <audio> sends', () => {
    expect(parseByteRange(null, 100)).toBeUndefined();
    expect(parseByteRange('bytes=0-', 100)).toEqual({ start: 0, end: 99 });
    expect(parseByteRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
    expect(parseByteRange('bytes=5-1000', 100)).toEqual({ start: 5, end: 99 });
    expect(parseByteRange('bytes=9-3', 100)).toBe('invalid');
    expect(parseByteRange('items=0-1', 100)).toBe('invalid');
  });
});
