import { createTestDatabase, type TestDatabase } from '@receptionist/db/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DomainContext } from '../availability/index.ts';
import { startCall } from '../calls/start-call.ts';
import { DomainError } from '../errors.ts';
import type { BusinessEvent } from '../events/types.ts';
import { JOB_KINDS } from '../jobs/kinds.ts';
import { createTestReceptionistBusiness } from '../testing/index.ts';
import { completeVoicemail } from './complete-voicemail.ts';
import { receiveVoicemail } from './receive-voicemail.ts';

vi.mock('../events/types.ts', async (original) => ({
  ...(await original<typeof import('../events/types.ts')>()),
  EVENT_CONSUMERS: ['audit'],
}));

const NOW = 1_900_000_000_000;
const SID = `RE${'a1'.repeat(16)}`;
let database: TestDatabase;
let ctx: DomainContext;

beforeEach(async () => {
  database = await createTestDatabase();
  const { tenant, profile } = await createTestReceptionistBusiness(database.db);
  ctx = { tenant, profile, nowMs: NOW };
});
afterEach(async () => {
  await database.cleanup();
});

async function jobsOfKind(kind: string) {
  return (await ctx.tenant.jobs.list()).filter((job) => job.kind === kind);
}

describe('voicemails', () => {
  it('turns a recording into a message with the caller’s number and one fetch job, once per SID', async () => {
    const call = await startCall({
      ctx,
      input: { channel: 'phone', twilioCallSid: 'CA1', fromNumber: '+12025550111', engine: 'local' },
    });
    const first = await receiveVoicemail({
      ctx,
      input: { callId: call.id, recordingSid: SID, durationSeconds: 7 },
    });
    const replay = await receiveVoicemail({
      ctx,
      input: { callId: call.id, recordingSid: SID, durationSeconds: 7 },
    });
    expect(first.createdNow).toBe(true);
    expect(replay).toMatchObject({ createdNow: false, voicemail: { id: first.voicemail.id } });
    expect(first.message).toMatchObject({ callerNumber: '+12025550111', callId: call.id });
    const jobs = await jobsOfKind(JOB_KINDS.voicemailReceived);
    expect(jobs.map((job) => job.payload)).toEqual([{ voicemailId: first.voicemail.id }]);
  });

  it('refuses a SID that is not Twilio’s and a call of another business', async () => {
    await expect(
      receiveVoicemail({ ctx, input: { recordingSid: '../etc/passwd', durationSeconds: 1 } }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(
      receiveVoicemail({ ctx, input: { callId: 'call_elsewhere', recordingSid: SID, durationSeconds: 1 } }),
    ).rejects.toBeInstanceOf(DomainError);
  });

  it('completes once: transcript into the message, one voicemail.received event', async () => {
    const { voicemail } = await receiveVoicemail({ ctx, input: { recordingSid: SID, durationSeconds: 4 } });
    const input = {
      voicemailId: voicemail.id,
      audioPath: `${ctx.tenant.businessId}/${voicemail.id}.wav`,
      audioBytes: 64_044,
      audioContentType: 'audio/wav' as const,
      transcript: 'please call me back about my cleaning',
    };
    const done = await completeVoicemail({ ctx, input });
    const again = await completeVoicemail({ ctx, input: { ...input, transcript: 'different' } });
    expect(done.completedNow).toBe(true);
    expect(again).toMatchObject({ completedNow: false, voicemail: { transcript: input.transcript } });
    expect((await ctx.tenant.messages.get(voicemail.messageId))?.reason).toBe(
      'Voicemail: please call me back about my cleaning',
    );
    const events = (await jobsOfKind(JOB_KINDS.businessEvent)).map(
      (job) => (job.payload as { event: BusinessEvent }).event,
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'voicemail.received',
      data: { voicemailId: voicemail.id, transcript: input.transcript, durationSeconds: 4 },
    });
  });

  it('refuses an audio path that leaves the recordings folder', async () => {
    const { voicemail } = await receiveVoicemail({ ctx, input: { recordingSid: SID, durationSeconds: 4 } });
    for (const audioPath of ['/etc/passwd', 'a/../../b.wav', '../b.wav']) {
      await expect(
        completeVoicemail({
          ctx,
          input: {
            voicemailId: voicemail.id,
            audioPath,
            audioBytes: 1,
            audioContentType: 'audio/wav',
            transcript: null,
          },
        }),
      ).rejects.toMatchObject({ code: 'invalid_input' });
    }
  });
});
