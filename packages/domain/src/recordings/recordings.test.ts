import { createTestDatabase, type TestDatabase } from '@receptionist/db/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCall } from '../calls/start-call.ts';
import { JOB_KINDS } from '../jobs/kinds.ts';
import { aiDisclosure, callDisclosure } from '../profile/describe.ts';
import { loadProfileFor } from '../profile/store.ts';
import { createTestReceptionistBusiness } from '../testing/index.ts';
import { attachCallRecording } from './attach-call-recording.ts';
import { expireCallRecording } from './expire-call-recording.ts';

const NOW = 1_900_000_000_000;
const DAY_MS = 86_400_000;
let database: TestDatabase;

beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await database.cleanup();
});

async function business(callRecording?: { enabled: boolean; retentionDays: number }) {
  const { tenant } = await createTestReceptionistBusiness(
    database.db,
    callRecording ? { callRecording } : {},
  );
  const call = await startCall({ ctx: { tenant }, input: { channel: 'phone', engine: 'local' } });
  return { ctx: { tenant, nowMs: NOW }, callId: call.id };
}

const file = (callId: string) => ({
  callId,
  audioPath: `biz/calls/${callId}.wav`,
  audioBytes: 44,
  durationMs: 0,
});

describe('call recordings', () => {
  it('are off by default, and the caller is told when they are on', async () => {
    const off = await business();
    const profile = await loadProfileFor(off.ctx.tenant);
    expect(profile.callRecording).toEqual({ enabled: false, retentionDays: 30 });
    expect(callDisclosure(profile)).toBe(aiDisclosure(profile));
    await expect(attachCallRecording({ ctx: off.ctx, input: file(off.callId) })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    const on = await business({ enabled: true, retentionDays: 7 });
    expect(callDisclosure(await loadProfileFor(on.ctx.tenant))).toMatch(/This call is recorded\.$/);
  });

  it('are kept for the retention period, then an expiry job is due and the deletion is recorded once', async () => {
    const { ctx, callId } = await business({ enabled: true, retentionDays: 7 });
    const recording = await attachCallRecording({ ctx, input: file(callId) });
    expect(recording.expiresAt).toBe(NOW + 7 * DAY_MS);
    expect(await attachCallRecording({ ctx, input: file(callId) })).toMatchObject({ id: recording.id });
    const jobs = (await ctx.tenant.jobs.list()).filter((job) => job.kind === JOB_KINDS.callRecordingExpired);
    expect(jobs).toMatchObject([{ payload: { recordingId: recording.id }, runAt: NOW + 7 * DAY_MS }]);

    await expect(
      expireCallRecording({ ctx: { ...ctx, nowMs: NOW + DAY_MS }, input: { recordingId: recording.id } }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    const later = { ...ctx, nowMs: NOW + 7 * DAY_MS };
    expect((await expireCallRecording({ ctx: later, input: { recordingId: recording.id } })).deletedAt).toBe(
      later.nowMs,
    );
    const again = await expireCallRecording({
      ctx: { ...ctx, nowMs: NOW + 8 * DAY_MS },
      input: { recordingId: recording.id },
    });
    expect(again.deletedAt).toBe(later.nowMs);
  });
});
