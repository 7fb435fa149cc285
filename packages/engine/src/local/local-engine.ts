import pino, { type Logger } from 'pino';
import type { Engine, EngineCapabilities } from '../engine.ts';
import { LocalConversation } from './conversation.ts';
import type { DialoguePolicyFactory } from './dialogue-policy.ts';
import { type ModelFileOptions, prepareRecognizerModel } from './stt/model-files.ts';
import { createSynthesizer, type VoiceName } from './tts/synthesizer.ts';
import { DEFAULT_VAD_SETTINGS } from './vad/detector.ts';
import { EnergyModel } from './vad/energy.ts';
import { SileroModel } from './vad/silero.ts';
import type { SpeechProbabilityModel } from './vad/speech-model.ts';

export interface LocalEngineOptions {
  /** The dialogue brain (the receptionist package's offline policy); the engine itself knows no business. */
  dialogue: DialoguePolicyFactory;
  /** Voice when the conversation config names none: flite `slt` (default), `rms`, `awb`, `kal16`, or `espeak`. */
  defaultVoice?: VoiceName | undefined;
  /** `silero` (default; falls back to `energy` if onnxruntime cannot load) or `energy`. */
  vad?: 'silero' | 'energy' | undefined;
  /** Where generated language models and the phone-channel model copy are cached (default: OS temp dir). */
  cacheDir?: string | undefined;
  /** The pocketsphinx model root (default: Debian's /usr/share/pocketsphinx/model/en-us). */
  modelRoot?: string | undefined;
  toolTimeoutMs?: number | undefined;
  /** pocketsphinx end-of-utterance silence in 10 ms frames (default 30 = 300 ms; the stock value is 50). */
  vadPostspeechFrames?: number | undefined;
  logger?: Logger | undefined;
}

export const LOCAL_ENGINE_CAPABILITIES: EngineCapabilities = {
  turnDetection: true,
  // The agent's record is the text it synthesised; it cannot cut it at the heard audio position.
  truncation: false,
  callerTranscription: true,
  textInput: true,
  dtmf: true,
};

async function loadSpeechModel(options: LocalEngineOptions, logger: Logger): Promise<SpeechProbabilityModel> {
  if (options.vad === 'energy') return new EnergyModel();
  try {
    return await SileroModel.load();
  } catch (error) {
    logger.warn({ err: error }, 'Silero VAD unavailable; using the energy VAD');
    return new EnergyModel();
  }
}

/** The offline engine: pocketsphinx + an injected dialogue policy + flite/espeak-ng, no network, no keys. */
export function createLocalEngine(options: LocalEngineOptions): Engine {
  const logger = options.logger ?? pino({ name: 'local-engine', level: 'warn' });
  const modelFiles: ModelFileOptions = { cacheDir: options.cacheDir, modelRoot: options.modelRoot };
  return {
    name: 'local',
    capabilities: LOCAL_ENGINE_CAPABILITIES,
    async start(config) {
      const speechModel = await loadSpeechModel(options, logger);
      return LocalConversation.start(
        config,
        {
          speechModel,
          synthesizer: createSynthesizer(config.voice ?? options.defaultVoice, config.language),
          logger: logger.child({ callId: config.callId }),
          dialogue: options.dialogue,
          toolTimeoutMs: options.toolTimeoutMs ?? 10_000,
          vadPostspeechFrames: options.vadPostspeechFrames ?? 30,
        },
        (brief, channel) => prepareRecognizerModel(brief, channel, modelFiles),
      );
    },
  };
}

export { DEFAULT_VAD_SETTINGS };
