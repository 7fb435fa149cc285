import { type CallRecordingRow, type Executor, forBusiness } from '@receptionist/db';
import { z } from 'zod';
import { DomainError } from '../errors.ts';
import type { EnqueueJobContext } from '../jobs/enqueue.ts';

/** The recording an expiry job is about (undefined when its call or business is gone). */
export async function readCallRecording({
  ctx,
  input,
}: {
  ctx: { db: Executor };
  input: { businessId: string; recordingId: string };
}): Promise<CallRecordingRow | undefined> {
  return forBusiness(ctx.db, input.businessId).callRecordings.get(input.recordingId);
}

export const ExpireCallRecordingInput = z.object({ recordingId: z.string().trim().min(1).max(100) });

/**
 * Records that a call recording's file was deleted (the worker deletes the file first, then calls this, so
 * a crash in between leaves a row that the retried job completes). Idempotent; refused before expiry.
 */
export async function expireCallRecording({
  ctx,
  input,
}: {
  ctx: EnqueueJobContext;
  input: z.input<typeof ExpireCallRecordingInput>;
}): Promise<CallRecordingRow> {
  const { recordingId } = ExpireCallRecordingInput.parse(input);
  return ctx.tenant.transaction(async (tenant) => {
    const recording = await tenant.callRecordings.get(recordingId);
    if (recording === undefined) {
      throw new DomainError('call_not_found', `Call recording ${recordingId} was not found.`);
    }
    if (recording.deletedAt !== null) return recording;
    if (recording.expiresAt > ctx.nowMs) {
      throw new DomainError('invalid_input', 'This recording is still within its retention period.');
    }
    return tenant.callRecordings.markDeleted(recordingId, ctx.nowMs);
  });
}
