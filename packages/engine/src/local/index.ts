export { LocalConversation } from './conversation.ts';
export { LocalEngineError } from './errors.ts';
export { createLocalEngine, LOCAL_ENGINE_CAPABILITIES, type LocalEngineOptions } from './local-engine.ts';
export { type DialogueOptions, DialoguePolicy } from './policy/dialogue.ts';
export type { PolicyAction, PolicyInput } from './policy/types.ts';
export { generateCorpus } from './stt/corpus.ts';
export { prepareRecognizerModel, type RecognizerModel } from './stt/model-files.ts';
export { createSynthesizer, type SpeechSynthesizer, type VoiceName } from './tts/synthesizer.ts';
