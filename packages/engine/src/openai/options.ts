import pino, { type Logger } from 'pino';
import { EngineConfigError } from '../errors.ts';

/** How the engine survives a dropped socket, a server error or the 60-minute session cap. */
export interface ReconnectOptions {
  /** Reconnect attempts allowed inside `windowMs` before the call is handed back as failed. */
  maxAttempts: number;
  windowMs: number;
  /** One attempt's budget: socket open plus `session.updated`. */
  connectTimeoutMs: number;
  /** Pause before the first retry; doubled per attempt, with jitter. */
  backoffMs: number;
}

export type TurnDetectionKind = 'server_vad' | 'semantic_vad';

export interface OpenAIEngineOptions {
  apiKey: string;
  /** The Realtime WebSocket endpoint, e.g. `wss://api.openai.com/v1/realtime`. The model is added as `?model=`. */
  realtimeUrl: string;
  /** The REST base for the supervisor, e.g. `https://api.openai.com/v1`. */
  baseUrl: string;
  realtimeModel: string;
  /** Default gpt-4.1. */
  supervisorModel?: string | undefined;
  logger?: Logger | undefined;
  reconnect?: Partial<ReconnectOptions> | undefined;
  /** The whole supervisor turn (all model calls and tools) must finish inside this. */
  supervisorDeadlineMs?: number | undefined;
  /** Model round trips the supervisor may take in one turn. */
  supervisorMaxIterations?: number | undefined;
  /** One business tool's budget; a slow tool is reported as a timeout to the supervisor. */
  toolTimeoutMs?: number | undefined;
  turnDetection?: TurnDetectionKind | undefined;
  /** Silence that ends a caller turn (server_vad only). */
  silenceDurationMs?: number | undefined;
  transcriptionModel?: string | undefined;
}

export interface ResolvedOpenAIEngineOptions {
  apiKey: string;
  realtimeUrl: string;
  baseUrl: string;
  realtimeModel: string;
  supervisorModel: string;
  logger: Logger;
  reconnect: ReconnectOptions;
  supervisorDeadlineMs: number;
  supervisorMaxIterations: number;
  toolTimeoutMs: number;
  turnDetection: TurnDetectionKind;
  silenceDurationMs: number;
  transcriptionModel: string;
}

export const DEFAULT_SUPERVISOR_MODEL = 'gpt-4.1';

export function resolveOptions(options: OpenAIEngineOptions): ResolvedOpenAIEngineOptions {
  if (!options.apiKey) throw new EngineConfigError('OpenAI engine: apiKey is empty');
  for (const [name, value] of [
    ['realtimeUrl', options.realtimeUrl],
    ['baseUrl', options.baseUrl],
  ] as const) {
    if (!URL.canParse(value)) throw new EngineConfigError(`OpenAI engine: ${name} is not a URL`);
  }
  if (!options.realtimeModel) throw new EngineConfigError('OpenAI engine: realtimeModel is empty');
  const supervisorDeadlineMs = options.supervisorDeadlineMs ?? 10_000;
  return {
    apiKey: options.apiKey,
    realtimeUrl: options.realtimeUrl,
    baseUrl: options.baseUrl,
    realtimeModel: options.realtimeModel,
    supervisorModel: options.supervisorModel ?? DEFAULT_SUPERVISOR_MODEL,
    logger: options.logger ?? pino({ enabled: false }),
    reconnect: {
      maxAttempts: options.reconnect?.maxAttempts ?? 2,
      windowMs: options.reconnect?.windowMs ?? 5_000,
      connectTimeoutMs: options.reconnect?.connectTimeoutMs ?? 4_000,
      backoffMs: options.reconnect?.backoffMs ?? 150,
    },
    supervisorDeadlineMs,
    supervisorMaxIterations: options.supervisorMaxIterations ?? 5,
    toolTimeoutMs: options.toolTimeoutMs ?? Math.min(5_000, supervisorDeadlineMs),
    turnDetection: options.turnDetection ?? 'server_vad',
    silenceDurationMs: options.silenceDurationMs ?? 500,
    transcriptionModel: options.transcriptionModel ?? 'gpt-4o-mini-transcribe',
  };
}

/** The WebSocket URL for one session: the configured endpoint with `model` set. */
export function realtimeSessionUrl(options: ResolvedOpenAIEngineOptions): string {
  const url = new URL(options.realtimeUrl);
  url.searchParams.set('model', options.realtimeModel);
  return url.toString();
}
