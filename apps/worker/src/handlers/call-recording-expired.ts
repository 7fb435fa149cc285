import { expireCallRecording, readCallRecording, tenantContext } from '@receptionist/domain';
import { PermanentJobError } from '../errors.ts';
import type { RecordingStore } from '../voicemail/recording-store.ts';
import type { JobHandler } from './registry.ts';

/**
 * `call_recording.expired`: the business's retention period for a call recording is over. The file goes
 * first, then the row records it, so a crash between the two leaves a job whose retry finishes the work
 * (deleting a file that is already gone is fine). A recording already marked deleted is left alone.
 */
export function callRecordingExpiredHandler(
  store: Pick<RecordingStore, 'remove'>,
): JobHandler<'call_recording.expired'> {
  return async ({ job, payload, db, now, logger }) => {
    const recording = await readCallRecording({
      ctx: { db },
      input: { businessId: job.businessId, recordingId: payload.recordingId },
    });
    if (recording === undefined) {
      throw new PermanentJobError(`call recording ${payload.recordingId} no longer exists`);
    }
    if (recording.deletedAt !== null) return;
    await store.remove(recording.audioPath);
    await expireCallRecording({
      ctx: { ...tenantContext(db, job.businessId, { kind: 'system' }), nowMs: now() },
      input: { recordingId: recording.id },
    });
    logger.info(
      { jobId: job.id, recordingId: recording.id, callId: recording.callId },
      'call recording deleted',
    );
  };
}
