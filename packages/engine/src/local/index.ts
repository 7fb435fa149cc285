export { CallerAudioDecoder } from './audio/convert.ts';
export { LocalConversation } from './conversation.ts';
export type {
  DialoguePolicy,
  DialoguePolicyFactory,
  DialoguePolicySetup,
  PolicyAction,
  PolicyInput,
  RehearRequest,
} from './dialogue-policy.ts';
export { LocalEngineError } from './errors.ts';
export {
  espeakVoiceFor,
  LOCAL_SPOKEN_LANGUAGES,
  LOCAL_UNDERSTOOD_LANGUAGES,
  localEngineUnderstands,
} from './languages.ts';
export { createLocalEngine, LOCAL_ENGINE_CAPABILITIES, type LocalEngineOptions } from './local-engine.ts';
export { speakReply } from './speaker.ts';
export { generateCorpus } from './stt/corpus.ts';
export {
  DEBIAN_MODEL_ROOT,
  DEFAULT_OPEN_VOCABULARY,
  type OpenVocabulary,
  prepareRecognizerModel,
  type RecognizerModel,
} from './stt/model-files.ts';
export { PocketsphinxRecognizer } from './stt/pocketsphinx.ts';
// Caller speech made with flite (+ a phone channel through sox) for tests, scenarios and benchmarks.
export {
  asBrowserAudio,
  type CallerVoice,
  silence,
  speakAsCaller,
  throughPhoneChannel,
} from './testing/caller-audio.ts';
export { CallerLine } from './testing/caller-line.ts';
export { SpeechCache } from './tts/speech-cache.ts';
export {
  createEspeakSynthesizer,
  createSynthesizer,
  type SpeechSynthesizer,
  type VoiceName,
} from './tts/synthesizer.ts';
