import { type RealtimeAgent, RealtimeSession, type RealtimeSessionConfig } from '@openai/agents/realtime';
import type { Logger } from 'pino';
import { EngineConnectError } from '../errors.ts';
import { type ResolvedOpenAIEngineOptions, realtimeSessionUrl } from './options.ts';
import { ReceptionistRealtimeTransport } from './transport.ts';

export interface RealtimeConnection {
  session: RealtimeSession;
  transport: ReceptionistRealtimeTransport;
  /** Closes the socket; the `onDisconnected` callback is not called for it. */
  close(): void;
}

export interface OpenConnectionInput {
  agent: RealtimeAgent;
  sessionConfig: Partial<RealtimeSessionConfig>;
  options: ResolvedOpenAIEngineOptions;
  timeoutMs: number;
  /** Every raw server event, in order, from the first one. */
  onServerEvent: (raw: unknown) => void;
  /** The socket went away after the session was ready. */
  onDisconnected: () => void;
  logger: Logger;
}

/**
 * Opens one Realtime session over our transport and resolves once the server confirmed the session
 * config (`session.updated`), so the audio formats are known to be applied before any audio flows.
 */
export async function openRealtimeConnection(input: OpenConnectionInput): Promise<RealtimeConnection> {
  const { options, logger } = input;
  const url = realtimeSessionUrl(options);
  // Audio deltas arrive here without passing through the SDK (transport.ts); all other events via `*`.
  const transport = new ReceptionistRealtimeTransport({ url, onAudioDelta: input.onServerEvent });
  const session = new RealtimeSession(input.agent, {
    transport,
    model: options.realtimeModel,
    config: input.sessionConfig,
    // Call audio and transcripts stay out of OpenAI's trace store.
    tracingDisabled: true,
    historyStoreAudio: false,
  });
  // RealtimeSession re-emits transport errors; without a listener Node's emitter would throw.
  session.on('error', (event) => logger.debug({ err: event.error }, 'realtime session error event'));
  let ready = false;
  let closedByUs = false;
  let markConfigured: () => void = () => {};
  const configured = new Promise<void>((resolve) => {
    markConfigured = resolve;
  });
  transport.on('*', (raw) => {
    if (raw !== null && typeof raw === 'object' && 'type' in raw && raw.type === 'session.updated')
      markConfigured();
    input.onServerEvent(raw);
  });
  transport.on('connection_change', (status) => {
    if (status === 'disconnected' && ready && !closedByUs) input.onDisconnected();
  });
  const close = () => {
    closedByUs = true;
    try {
      session.close();
    } catch (error) {
      logger.debug({ err: error }, 'closing realtime session failed');
    }
  };
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new EngineConnectError(`Realtime session not ready after ${input.timeoutMs} ms`)),
      input.timeoutMs,
    );
  });
  const setup = (async () => {
    await session.connect({ apiKey: options.apiKey, url, model: options.realtimeModel });
    await configured;
  })();
  // When the timeout wins, the abandoned setup rejects later; that rejection is expected, not unhandled.
  setup.catch(() => {});
  try {
    await Promise.race([setup, timedOut]);
    if (transport.status !== 'connected') throw new EngineConnectError('Realtime socket closed during setup');
    ready = true;
    return { session, transport, close };
  } catch (error) {
    close();
    throw error instanceof EngineConnectError
      ? error
      : new EngineConnectError('Could not open the Realtime session', error);
  } finally {
    clearTimeout(timer);
  }
}
