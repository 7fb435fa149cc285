import type { Engine, EngineCapabilities } from '../engine.ts';
import { OpenAIConversation } from './conversation.ts';
import { type OpenAIEngineOptions, resolveOptions } from './options.ts';

export const OPENAI_ENGINE_CAPABILITIES: EngineCapabilities = {
  turnDetection: true,
  truncation: true,
  callerTranscription: true,
  textInput: true,
  dtmf: false,
};

/**
 * The production engine: OpenAI Realtime speech-to-speech over our own WebSocket session (the Agents
 * SDK declares the agent and runs its tools; README.md says why) in the chat-supervisor pattern. Options come from the app's env.ts; this never reads the environment.
 * `start` rejects with `EngineConnectError` when no session could be opened within the reconnect budget.
 */
export function createOpenAIEngine(options: OpenAIEngineOptions): Engine {
  const resolved = resolveOptions(options);
  return {
    name: 'openai',
    capabilities: OPENAI_ENGINE_CAPABILITIES,
    start: (config) => OpenAIConversation.start(config, resolved),
  };
}
