import type { Engine } from '@receptionist/engine';
import type { DialoguePolicyFactory } from '@receptionist/engine/local';
import type { Logger } from 'pino';
import type { VoiceEnv } from './env.ts';
import { EngineUnavailableError } from './errors.ts';
import { lazyEngine } from './lazy-engine.ts';

/** What the server knows when it picks engines for a call. */
export interface EngineRequest {
  callId: string;
  businessId: string;
  channel: 'phone' | 'browser';
}

/** The engine a call runs on, and the one it fails over to when the first one breaks mid-call. */
export interface EngineChoice {
  primary: Engine;
  fallback?: Engine | undefined;
}

export type EngineFactory = (request: EngineRequest) => EngineChoice;

/** The real engines' constructors, passed in so this file builds before (and without) them. */
export interface EngineConstructors {
  createOpenAIEngine?: (options: {
    apiKey: string;
    realtimeUrl: string;
    baseUrl: string;
    realtimeModel: string;
    supervisorModel?: string | undefined;
    logger?: Logger | undefined;
  }) => Engine;
  createLocalEngine?: (options: { logger?: Logger | undefined }) => Engine;
}

/**
 * Builds the engine factory for `env.ENGINE`: `openai` runs OpenAI Realtime with the local engine as the
 * failover; `local` runs the offline engine alone. A requested engine that is not available fails at start.
 */
export function createEngineFactory(
  env: VoiceEnv,
  constructors: EngineConstructors,
  logger: Logger,
): EngineFactory {
  const local = constructors.createLocalEngine?.({ logger: logger.child({ engine: 'local' }) });
  if (env.engine === 'local') {
    if (!local)
      throw new EngineUnavailableError('ENGINE=local but the local engine is not available in this build');
    return () => ({ primary: local });
  }
  if (!constructors.createOpenAIEngine) {
    throw new EngineUnavailableError('ENGINE=openai but the OpenAI engine is not available in this build');
  }
  const openai = constructors.createOpenAIEngine({
    apiKey: env.openai.apiKey ?? '',
    realtimeUrl: env.openai.realtimeUrl,
    baseUrl: env.openai.baseUrl,
    realtimeModel: env.openai.realtimeModel,
    supervisorModel: env.openai.supervisorModel,
    logger: logger.child({ engine: 'openai' }),
  });
  if (!local) logger.warn('local engine unavailable: OpenAI calls have no failover');
  return () => ({ primary: openai, fallback: local });
}

type LocalEngineModule = {
  createLocalEngine: (options: { logger?: Logger | undefined; dialogue: DialoguePolicyFactory }) => Engine;
};

/** The offline engine with the receptionist's rule-based dialogue policy as its brain. */
interface OfflineModules {
  local: LocalEngineModule;
  dialogue: DialoguePolicyFactory;
}

/**
 * Loads the engine modules at run time. Each is optional: a module that fails to load (missing native
 * dependency, not built yet) is reported and left out, and `createEngineFactory` then says what is missing.
 * The offline engine is the primary only with ENGINE=local; otherwise it is the failover, and its module
 * (and, at its first call, its models) loads only when a call fails over to it (`lazyEngine`): here only
 * its presence is checked.
 */
export async function loadEngineConstructors(
  logger: Logger,
  /** The configured engine; without it both modules load at once (tools that may use either). */
  options: { engine?: 'openai' | 'local' | undefined } = {},
): Promise<EngineConstructors> {
  const constructors: EngineConstructors = {};
  const modules = { openai: '@receptionist/engine/openai', local: '@receptionist/engine/local' };
  if (options.engine !== 'local') {
    try {
      const openai = (await import(modules.openai)) as Record<string, unknown>;
      if (typeof openai.createOpenAIEngine === 'function') {
        constructors.createOpenAIEngine =
          openai.createOpenAIEngine as EngineConstructors['createOpenAIEngine'];
      }
    } catch (error) {
      logger.warn({ err: error }, 'OpenAI engine module failed to load');
    }
  }
  // The dialogue policy comes with the engine: it pulls in date parsing (chrono-node) and the engine's
  // models, which an OpenAI-only server never needs until a call fails over.
  const importLocal = async (): Promise<OfflineModules> => {
    const [local, offline] = await Promise.all([
      import(modules.local) as Promise<Partial<LocalEngineModule>>,
      import('@receptionist/receptionist/offline'),
    ]);
    if (typeof local.createLocalEngine !== 'function')
      throw new Error('the local engine module has no createLocalEngine');
    return { local: local as LocalEngineModule, dialogue: offline.offlineReceptionist };
  };
  try {
    if (options.engine !== 'openai') {
      const { local, dialogue } = await importLocal();
      // The local engine is speech only: the receptionist's offline dialogue policy is its brain.
      constructors.createLocalEngine = (engineOptions) =>
        local.createLocalEngine({ ...engineOptions, dialogue });
    } else {
      import.meta.resolve(modules.local);
      constructors.createLocalEngine = (engineOptions) =>
        lazyEngine('local', async () => {
          const { local, dialogue } = await importLocal();
          logger.info('loaded the local engine for a failover');
          return local.createLocalEngine({ ...engineOptions, dialogue });
        });
    }
  } catch (error) {
    logger.warn({ err: error }, 'local engine module failed to load');
  }
  return constructors;
}
