export {
  type EnergyVadOptions,
  FakeOpenAIRealtimeServer,
  type FakeOpenAIRealtimeServerOptions,
  FakeRealtimeConnection,
  type FakeRealtimeReply,
  type FakeRealtimeResponder,
  type FakeRealtimeResponderInput,
  readBackToolOutput,
} from './fake-openai-realtime-server.ts';
export {
  FakeOpenAIResponsesServer,
  type FakeResponsesRequest,
  type FakeResponsesScript,
  type FakeResponsesServerOptions,
  type FakeResponsesStep,
} from './fake-openai-responses-server.ts';
export {
  createScriptedEngine,
  SCRIPTED_CAPABILITIES,
  ScriptedEngine,
  type ScriptedEngineScript,
  type ScriptedToolCall,
  type ScriptedTurn,
  type ScriptedUtterance,
} from './scripted-engine.ts';
export {
  generatedAudio,
  ScriptedConversation,
  type ScriptedReceived,
} from './scripted-engine-conversation.ts';
