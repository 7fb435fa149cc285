import type { WorkerSettings } from '../env.ts';
import type { VoicemailDeps } from '../handlers/voicemail-received.ts';
import { createTwilioRecordingFetcher } from './recording-fetcher.ts';
import { createRecordingStore } from './recording-store.ts';
import { createLocalTranscriber, type Transcriber } from './transcriber.ts';

export { createTwilioRecordingFetcher, type RecordingFetcher } from './recording-fetcher.ts';
export { createRecordingStore, type RecordingStore, voicemailAudioPath } from './recording-store.ts';
export { createLocalTranscriber, type Transcriber, type TranscriptionHints } from './transcriber.ts';

/** Voicemail processing from the worker's settings; undefined without Twilio credentials. */
export function voicemailDepsFrom(
  settings: Pick<WorkerSettings, 'recordingsDir' | 'twilio'>,
  options: { transcribe?: Transcriber | undefined } = {},
): VoicemailDeps | undefined {
  if (settings.twilio === undefined) return undefined;
  return {
    fetchRecording: createTwilioRecordingFetcher(settings.twilio),
    store: createRecordingStore(settings.recordingsDir),
    transcribe: options.transcribe ?? createLocalTranscriber(),
  };
}
