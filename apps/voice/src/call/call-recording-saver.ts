import { attachCallRecording, tenantContext } from '@receptionist/domain';
import { createRecordingStore } from '@receptionist/worker/recording-store';
import type { Logger } from 'pino';
import type { Database } from '../db-reads/index.ts';
import type { CallAudioRecorder } from './call-audio-recorder.ts';

/** Where a call's recording lives inside the recordings folder. */
export function callRecordingPath(businessId: string, callId: string): string {
  return `${businessId}/calls/${callId}.wav`;
}

/**
 * After the call: mixes what the recorder kept, writes the WAV to the recordings folder, and records it
 * through the domain (which schedules its deletion). Runs off the call's path; a failure is logged and
 * costs only the recording.
 */
export async function saveCallRecording(input: {
  recorder: CallAudioRecorder;
  db: Database;
  recordingsDir: string;
  businessId: string;
  callId: string;
  now: () => number;
  logger: Logger;
}): Promise<void> {
  const recording = input.recorder.finish();
  if (recording === undefined) return;
  const audioPath = callRecordingPath(input.businessId, input.callId);
  try {
    await createRecordingStore(input.recordingsDir).save(audioPath, recording.wav);
    const row = await attachCallRecording({
      ctx: { ...tenantContext(input.db, input.businessId, { kind: 'system' }), nowMs: input.now() },
      input: {
        callId: input.callId,
        audioPath,
        audioBytes: recording.wav.byteLength,
        durationMs: recording.durationMs,
      },
    });
    input.logger.info(
      { recordingId: row.id, durationMs: recording.durationMs, audioBytes: recording.wav.byteLength },
      'call recording saved',
    );
  } catch (error) {
    input.logger.error({ err: error }, 'call recording could not be saved');
  }
}
