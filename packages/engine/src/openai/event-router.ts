import type { Logger } from 'pino';
import type { AudioFormat, ConversationEvents } from '../engine.ts';
import type { RealtimeFunctionCall } from './agent-tools.ts';
import type { ConversationHistory } from './history.ts';
import {
  classifyServerError,
  type OutputItemDoneEvent,
  type ServerErrorEvent,
  type ServerEvent,
} from './server-events.ts';

/** How much of one agent reply was generated, for capping truncation at real audio. */
export interface PlaybackRecord {
  responseId: string;
  contentIndex: number;
  audioMs: number;
  done: boolean;
}

export type EmitConversationEvent = <K extends keyof ConversationEvents & string>(
  event: K,
  payload: ConversationEvents[K],
) => void;

export interface EventRouterOptions {
  audioFormat: AudioFormat;
  history: ConversationHistory;
  emit: EmitConversationEvent;
  /** A server error the session cannot survive (expiry, server_error). */
  onFatalServerError: (code: 'session_expired' | 'disconnected', event: ServerErrorEvent) => void;
  /** The model finished a call to one of the realtime agent's tools. */
  onFunctionCall: (call: RealtimeFunctionCall) => void;
  /** Milliseconds since the call started, the clock of `caller_speech_*` events. */
  callClockMs: () => number;
  logger: Logger;
}

/**
 * The one place server events are dispatched (connection.ts parsed them): agent audio (bytes as the
 * server sent them), transcripts, speech start/stop, latency metrics, realtime tool calls and server
 * errors; and per-reply playback sizes. A fresh router per connection; the history outlives it.
 */
export class RealtimeEventRouter {
  readonly #options: EventRouterOptions;
  readonly #bytesPerMs: number;
  readonly #playback = new Map<string, PlaybackRecord>();
  readonly #activeResponses = new Set<string>();
  /** Call ids already dispatched: a tool runs once per call id even if the item is reported again. */
  readonly #dispatchedCalls = new Set<string>();
  /** When the caller last stopped talking, until the next reply's first audio byte. */
  #speechStoppedAt: number | undefined;

  constructor(options: EventRouterOptions) {
    this.#options = options;
    this.#bytesPerMs = options.audioFormat.encoding === 'mulaw' ? 8 : 48;
  }

  playback(itemId: string): PlaybackRecord | undefined {
    return this.#playback.get(itemId);
  }

  isResponseActive(responseId: string): boolean {
    return this.#activeResponses.has(responseId);
  }

  /** A reply was being generated when this was asked (used to decide whether a reconnect owes one). */
  get responding(): boolean {
    return this.#activeResponses.size > 0;
  }

  route(event: ServerEvent): void {
    const { emit, history, logger } = this.#options;
    switch (event.type) {
      case 'session.created':
      case 'session.updated':
        return;
      case 'input_audio_buffer.speech_started':
        history.touch(event.item_id, 'caller');
        emit('caller_speech_started', { atMs: this.#options.callClockMs() });
        return;
      case 'input_audio_buffer.speech_stopped':
        this.#speechStoppedAt = performance.now();
        emit('caller_speech_stopped', { atMs: this.#options.callClockMs() });
        return;
      case 'conversation.item.input_audio_transcription.delta': {
        const text = history.appendDelta(event.item_id, 'caller', event.delta ?? '');
        if (text) emit('transcript', { role: 'caller', itemId: event.item_id, text, final: false });
        return;
      }
      case 'conversation.item.input_audio_transcription.completed':
        if (history.finalize(event.item_id, 'caller', event.transcript)) {
          emit('transcript', {
            role: 'caller',
            itemId: event.item_id,
            text: event.transcript.trim(),
            final: true,
          });
        }
        return;
      case 'conversation.item.input_audio_transcription.failed':
        logger.warn({ itemId: event.item_id, error: event.error }, 'caller transcription failed');
        return;
      case 'response.created':
        if (event.response.id) this.#activeResponses.add(event.response.id);
        return;
      case 'response.done':
        if (event.response.id) this.#activeResponses.delete(event.response.id);
        if (event.response.status === 'failed') {
          logger.warn(
            { responseId: event.response.id, response: event.response },
            'realtime response failed',
          );
        }
        return;
      case 'response.output_item.done':
        this.#onOutputItem(event);
        return;
      case 'response.output_audio.delta':
        this.#onAudio(event.item_id, event.response_id, event.content_index, event.delta);
        return;
      case 'response.output_audio.done': {
        const record = this.#playback.get(event.item_id);
        if (record) record.done = true;
        emit('agent_audio_done', { itemId: event.item_id });
        return;
      }
      case 'response.output_audio_transcript.delta': {
        const text = history.appendDelta(event.item_id, 'agent', event.delta);
        if (text) emit('transcript', { role: 'agent', itemId: event.item_id, text, final: false });
        return;
      }
      case 'response.output_audio_transcript.done':
        if (history.finalize(event.item_id, 'agent', event.transcript)) {
          emit('transcript', {
            role: 'agent',
            itemId: event.item_id,
            text: event.transcript.trim(),
            final: true,
          });
        }
        return;
      case 'error':
        this.#onError(event);
        return;
    }
  }

  #onOutputItem({ item }: OutputItemDoneEvent): void {
    if (item.type !== 'function_call' || item.status !== 'completed') return;
    const callId = item.call_id ?? '';
    if (this.#dispatchedCalls.has(callId)) return;
    this.#dispatchedCalls.add(callId);
    this.#options.onFunctionCall({
      itemId: item.id,
      callId,
      name: item.name ?? '',
      arguments: item.arguments ?? '',
    });
  }

  #onAudio(itemId: string, responseId: string, contentIndex: number, base64: string): void {
    const bytes = Buffer.from(base64, 'base64');
    let record = this.#playback.get(itemId);
    if (!record) {
      record = { responseId, contentIndex, audioMs: 0, done: false };
      this.#playback.set(itemId, record);
      this.#options.history.touch(itemId, 'agent');
      if (this.#speechStoppedAt !== undefined) {
        const responseLatencyMs = Math.round(performance.now() - this.#speechStoppedAt);
        this.#speechStoppedAt = undefined;
        this.#options.emit('turn_metrics', { itemId, responseLatencyMs });
      }
    }
    record.audioMs += bytes.byteLength / this.#bytesPerMs;
    this.#options.emit('agent_audio', {
      itemId,
      audio: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    });
  }

  #onError(event: ServerErrorEvent): void {
    const kind = classifyServerError(event);
    const { logger, emit } = this.#options;
    if (kind === 'recoverable') {
      logger.warn({ error: event.error }, 'realtime request error');
      emit('error', {
        code: 'peer_error',
        message: event.error?.message ?? 'Realtime API error',
        fatal: false,
        cause: event.error,
      });
      return;
    }
    this.#options.onFatalServerError(kind === 'session_expired' ? 'session_expired' : 'disconnected', event);
  }
}
