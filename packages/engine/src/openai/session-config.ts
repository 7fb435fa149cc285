import type { AudioFormat, ConversationConfig } from '../engine.ts';
import type { AgentSessionFields } from './agent-tools.ts';
import type { ResolvedOpenAIEngineOptions } from './options.ts';

type RealtimeFormat = { type: 'audio/pcmu' } | { type: 'audio/pcm'; rate: 24000 };

/**
 * Phone audio is G.711 μ-law both ways and browser audio PCM16 24 kHz: both go to OpenAI as they are.
 * Always explicit, because the server falls back to PCM16 when a format is missing (research §2, §6.1).
 */
export function realtimeAudioFormat(format: AudioFormat): RealtimeFormat {
  return format.encoding === 'mulaw' ? { type: 'audio/pcmu' } : { type: 'audio/pcm', rate: 24000 };
}

/** Voices the Realtime API accepts; anything else (e.g. a local engine's voice name) maps to the default. */
export const REALTIME_VOICES = [
  'alloy',
  'ash',
  'ballad',
  'coral',
  'echo',
  'sage',
  'shimmer',
  'verse',
  'marin',
  'cedar',
] as const;
export const DEFAULT_REALTIME_VOICE = 'marin';

export function realtimeVoice(voice: string | undefined): string {
  const wanted = voice?.toLowerCase();
  return REALTIME_VOICES.find((candidate) => candidate === wanted) ?? DEFAULT_REALTIME_VOICE;
}

/** `en-US` → `en`: the transcription model takes ISO-639-1. */
function transcriptionLanguage(language: string | undefined): string | undefined {
  const primary = language?.split('-')[0]?.toLowerCase();
  return primary && /^[a-z]{2}$/.test(primary) ? primary : undefined;
}

/**
 * The `session.update` payload, in the GA wire shape. Turn detection interrupts the response on caller
 * speech; caller transcription is on; tracing is off (README.md, point 5).
 */
export function buildSessionConfig(
  config: ConversationConfig,
  options: ResolvedOpenAIEngineOptions,
  agent: AgentSessionFields = { instructions: '', tools: [] },
): Record<string, unknown> {
  const format = realtimeAudioFormat(config.audioFormat);
  // A pinned hint makes recognition worse for a caller who speaks another of the business's languages.
  const multilingual = (config.languages?.length ?? 0) > 1;
  const language = multilingual ? undefined : transcriptionLanguage(config.language);
  const turnDetection =
    options.turnDetection === 'server_vad'
      ? {
          type: 'server_vad',
          create_response: true,
          interrupt_response: true,
          silence_duration_ms: options.silenceDurationMs,
        }
      : { type: 'semantic_vad', create_response: true, interrupt_response: true, eagerness: 'auto' };
  return {
    type: 'realtime',
    model: options.realtimeModel,
    instructions: agent.instructions,
    output_modalities: ['audio'],
    audio: {
      input: {
        format,
        noise_reduction: config.audioFormat.encoding === 'mulaw' ? { type: 'near_field' } : null,
        transcription: {
          model: options.transcriptionModel,
          ...(language ? { language } : {}),
          ...(config.business.vocabulary.length > 0 ? { prompt: config.business.vocabulary.join(', ') } : {}),
        },
        turn_detection: turnDetection,
      },
      output: { format, voice: realtimeVoice(config.voice), speed: 1 },
    },
    ...(agent.tools.length > 0 ? { tools: agent.tools } : {}),
    tracing: null,
  };
}
