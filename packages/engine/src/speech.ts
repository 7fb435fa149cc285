/**
 * Speech components usable outside a call: the worker transcribes voicemails with these. Kept to its own
 * entry so a user of it reaches no conversation, tool or engine code (see .dependency-cruiser.cjs).
 */
export type { BusinessBrief } from './engine.ts';
export {
  type TranscribeRecordingOptions,
  transcribeRecording,
} from './local/stt/transcribe-recording.ts';
