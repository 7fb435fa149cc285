import type { JsonObject } from './fake-openai-realtime-replies.ts';
import type { FakeAudioFormat } from './fake-openai-realtime-vad.ts';

/** The fake server's session state: GA defaults, partial updates, and the settings it acts on. */

export function asObject(value: unknown): JsonObject {
  return value !== null && typeof value === 'object' ? (value as JsonObject) : {};
}

/** What the real server reports in `session.created` before any update: PCM16 24 kHz, no VAD. */
export function defaultSession(): JsonObject {
  return {
    type: 'realtime',
    object: 'realtime.session',
    id: 'sess_fake',
    model: 'gpt-realtime',
    output_modalities: ['audio'],
    audio: {
      input: { format: { type: 'audio/pcm', rate: 24000 }, turn_detection: null, transcription: null },
      output: { format: { type: 'audio/pcm', rate: 24000 }, voice: 'marin' },
    },
    tracing: null,
  };
}

/** A one-level-deep merge of `audio.input` / `audio.output`, like the real server applies partial updates. */
export function mergeSession(current: JsonObject, update: JsonObject): JsonObject {
  const audio = asObject(current.audio);
  const updateAudio = asObject(update.audio);
  return {
    ...current,
    ...update,
    audio: {
      input: { ...asObject(audio.input), ...asObject(updateAudio.input) },
      output: { ...asObject(audio.output), ...asObject(updateAudio.output) },
    },
  };
}

export function sessionTurnDetection(session: JsonObject): JsonObject | null {
  const input = asObject(asObject(session.audio).input);
  return input.turn_detection ? asObject(input.turn_detection) : null;
}

export function sessionAudioFormat(session: JsonObject, direction: 'input' | 'output'): FakeAudioFormat {
  const format = asObject(asObject(asObject(session.audio)[direction]).format);
  return format.type === 'audio/pcmu' ? 'audio/pcmu' : 'audio/pcm';
}
