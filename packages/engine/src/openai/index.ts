export { OpenAIConversation } from './conversation.ts';
export { createOpenAIEngine, OPENAI_ENGINE_CAPABILITIES } from './engine.ts';
export { FILLER_PHRASES, immediateTools, SUPERVISOR_TOOL_NAME } from './instructions.ts';
export {
  DEFAULT_SUPERVISOR_MODEL,
  type OpenAIEngineOptions,
  type ReconnectOptions,
  type TurnDetectionKind,
} from './options.ts';
export { SUPERVISOR_FALLBACK_SENTENCE } from './supervisor.ts';
