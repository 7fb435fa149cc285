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
