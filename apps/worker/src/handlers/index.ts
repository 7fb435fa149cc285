import { JOB_KINDS } from '@receptionist/domain';
import { createRecordingStore } from '../voicemail/recording-store.ts';
import { businessEventHandler, type EventConsumerHandler } from './business-event.ts';
import { handleCallEnded } from './call-ended.ts';
import { callRecordingExpiredHandler } from './call-recording-expired.ts';
import type { JobHandlers } from './registry.ts';
import { type VoicemailDeps, voicemailReceivedHandler } from './voicemail-received.ts';

export * from './business-event.ts';
export * from './call-recording-expired.ts';
export * from './registry.ts';
export * from './voicemail-received.ts';

/**
 * The consumers of business events this worker serves, by the names in the domain's EVENT_CONSUMERS.
 * Each cold-path feature (notifications, webhooks…) adds its consumer here and its name there.
 */
export const EVENT_CONSUMER_HANDLERS: Readonly<Record<string, EventConsumerHandler>> = {};

/** The handlers a production worker runs. */
export function createDefaultHandlers(
  options: {
    consumers?: Readonly<Record<string, EventConsumerHandler>>;
    /** Voicemail fetching and transcription; without it voicemail jobs dead-letter with the reason. */
    voicemail?: VoicemailDeps | undefined;
    /** The recordings folder, where expired call recordings are deleted from. */
    recordingsDir?: string | undefined;
  } = {},
): JobHandlers {
  return {
    [JOB_KINDS.callEnded]: handleCallEnded,
    [JOB_KINDS.voicemailReceived]: voicemailReceivedHandler(options.voicemail),
    [JOB_KINDS.callRecordingExpired]: callRecordingExpiredHandler(
      createRecordingStore(options.recordingsDir ?? './data/recordings'),
    ),
    [JOB_KINDS.businessEvent]: businessEventHandler(options.consumers ?? EVENT_CONSUMER_HANDLERS),
  };
}
