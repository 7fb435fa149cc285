import type { Conversation, ConversationConfig, Engine, EngineCapabilities } from '@receptionist/engine';

/** What an engine that has not loaded yet claims: nothing (no call can use it before `start`). */
const NOT_LOADED: EngineCapabilities = {
  turnDetection: false,
  truncation: false,
  callerTranscription: false,
  textInput: false,
  dtmf: false,
};

/**
 * An engine whose module and models load on the first call that needs it: an OpenAI server whose calls
 * never fail over never carries the offline engine. Concurrent first calls share one load; a load that
 * fails is tried again by the next call.
 */
export function lazyEngine(name: string, load: () => Promise<Engine>): Engine {
  let loading: Promise<Engine> | undefined;
  let loaded: Engine | undefined;
  return {
    name,
    get capabilities(): EngineCapabilities {
      return loaded?.capabilities ?? NOT_LOADED;
    },
    async start(config: ConversationConfig): Promise<Conversation> {
      loading ??= load().then(
        (engine) => {
          loaded = engine;
          return engine;
        },
        (error: unknown) => {
          loading = undefined;
          throw error;
        },
      );
      return (await loading).start(config);
    },
  };
}
