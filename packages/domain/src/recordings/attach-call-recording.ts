import type { CallRecordingRow } from '@receptionist/db';
import { z } from 'zod';
import { DomainError } from '../errors.ts';
import type { EnqueueJobContext } from '../jobs/enqueue.ts';
import { enqueueJob } from '../jobs/enqueue.ts';
import { JOB_KINDS } from '../jobs/kinds.ts';
import { loadProfileFor } from '../profile/store.ts';
import { RelativeAudioPath } from './audio-path.ts';

const DAY_MS = 86_400_000;

export const AttachCallRecordingInput = z.object({
  callId: z.string().trim().min(1).max(64),
  audioPath: RelativeAudioPath,
  audioBytes: z.number().int().min(0),
  durationMs: z.number().int().min(0),
});
export type AttachCallRecordingInput = z.input<typeof AttachCallRecordingInput>;

/**
 * A call's recording was written to the recordings folder: it is kept for the business's retention period,
 * and a job due at the end of it deletes the file. Refused for a business that does not record calls (the
 * caller was not told), and once per call.
 */
export async function attachCallRecording({
  ctx,
  input,
}: {
  ctx: EnqueueJobContext;
  input: AttachCallRecordingInput;
}): Promise<CallRecordingRow> {
  const parsed = AttachCallRecordingInput.safeParse(input);
  if (!parsed.success) {
    throw new DomainError('invalid_input', 'Invalid call recording.', { cause: parsed.error });
  }
  const profile = await loadProfileFor(ctx.tenant);
  if (!profile.callRecording.enabled) {
    throw new DomainError('invalid_input', 'This business does not record calls.');
  }
  return ctx.tenant.transaction(async (tenant) => {
    if ((await tenant.calls.get(parsed.data.callId)) === undefined) {
      throw new DomainError('call_not_found', `Call ${parsed.data.callId} was not found.`);
    }
    const existing = await tenant.callRecordings.getByCall(parsed.data.callId);
    if (existing !== undefined) return existing;
    const expiresAt = ctx.nowMs + profile.callRecording.retentionDays * DAY_MS;
    const recording = await tenant.callRecordings.create({ ...parsed.data, expiresAt });
    await enqueueJob({
      ctx: { tenant, nowMs: ctx.nowMs },
      input: {
        kind: JOB_KINDS.callRecordingExpired,
        payload: { recordingId: recording.id },
        runAt: expiresAt,
      },
    });
    return recording;
  });
}
