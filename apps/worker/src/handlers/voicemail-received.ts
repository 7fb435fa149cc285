import { completeVoicemail, loadBusinessProfile, readVoicemail, tenantContext } from '@receptionist/domain';
import { PermanentJobError } from '../errors.ts';
import type { RecordingFetcher } from '../voicemail/recording-fetcher.ts';
import { type RecordingStore, voicemailAudioPath } from '../voicemail/recording-store.ts';
import type { Transcriber } from '../voicemail/transcriber.ts';
import type { JobHandler } from './registry.ts';

/** What processing a voicemail needs; absent when Twilio credentials are not configured. */
export interface VoicemailDeps {
  fetchRecording: RecordingFetcher;
  store: RecordingStore;
  transcribe: Transcriber;
}

/**
 * `voicemail.received`: fetches the recording with the account's credentials, stores it in the recordings
 * folder, transcribes it, and completes the voicemail (its message and the `voicemail.received` event).
 * Safe to run again: a completed voicemail is left alone, and audio an earlier attempt stored is reused.
 * A transcription failure is logged and the voicemail completes without a transcript: the audio is what
 * the owner needs, and retrying a recogniser that failed on these bytes would fail again.
 */
export function voicemailReceivedHandler(deps: VoicemailDeps | undefined): JobHandler<'voicemail.received'> {
  return async ({ job, payload, db, now, logger, signal }) => {
    if (deps === undefined) {
      throw new PermanentJobError(
        'voicemails cannot be fetched: set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN for the worker',
      );
    }
    const voicemail = await readVoicemail({
      ctx: { db },
      input: { businessId: job.businessId, voicemailId: payload.voicemailId },
    });
    if (voicemail === undefined) {
      throw new PermanentJobError(`voicemail ${payload.voicemailId} no longer exists in ${job.businessId}`);
    }
    if (voicemail.completedAt !== null) return;
    const log = logger.child({ jobId: job.id, voicemailId: voicemail.id, callId: voicemail.callId });

    const audioPath = voicemailAudioPath(job.businessId, voicemail.id);
    const startedMs = now();
    const wav = await deps.fetchRecording(voicemail.recordingSid, signal);
    signal.throwIfAborted();
    if ((await deps.store.sizeOf(audioPath)) !== wav.byteLength) await deps.store.save(audioPath, wav);
    const fetchedMs = now();

    let transcript: string | null = null;
    try {
      const profile = await loadBusinessProfile(db, job.businessId);
      transcript = await deps.transcribe(wav, {
        businessName: profile.name,
        timeZone: profile.timeZone,
        services: profile.services.map((service) => service.name),
        people: profile.transferDestinations.map((destination) => destination.name),
      });
    } catch (error) {
      log.warn({ err: error }, 'voicemail transcription failed; storing it without a transcript');
    }
    signal.throwIfAborted();
    const { completedNow } = await completeVoicemail({
      ctx: { ...tenantContext(db, job.businessId, { kind: 'system' }), nowMs: now() },
      input: {
        voicemailId: voicemail.id,
        audioPath,
        audioBytes: wav.byteLength,
        audioContentType: 'audio/wav',
        transcript,
      },
    });
    log.info(
      {
        audioBytes: wav.byteLength,
        fetchMs: fetchedMs - startedMs,
        transcribeMs: now() - fetchedMs,
        transcribed: transcript !== null,
        completedNow,
      },
      'voicemail stored',
    );
  };
}
