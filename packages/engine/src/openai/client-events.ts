import type { Logger } from 'pino';
import { WebSocket } from 'ws';
import type { RealtimeSocket } from './realtime-socket.ts';
import { ResponseGate, type ResponseRequest } from './response-gate.ts';
import type { ServerEvent } from './server-events.ts';

/** The client events this engine sends, besides caller audio (see `appendAudio`). */
export type ClientEvent =
  | { type: 'session.update'; session: Record<string, unknown> }
  | { type: 'conversation.item.create'; item: Record<string, unknown> }
  | { type: 'conversation.item.truncate'; item_id: string; content_index: number; audio_end_ms: number }
  | { type: 'response.create'; event_id: string; response?: ResponseRequest }
  | { type: 'response.cancel' };

/**
 * The one road out: every client event of one Realtime connection is written here. Sends on a socket
 * that is not open are dropped (a reconnect re-seeds what matters), so callers never see a throw.
 */
export class RealtimeSender {
  readonly #socket: RealtimeSocket;
  readonly #logger: Logger;
  readonly #responses: ResponseGate;

  constructor(socket: RealtimeSocket, logger: Logger) {
    this.#socket = socket;
    this.#logger = logger;
    this.#responses = new ResponseGate((event) => this.#send(event));
  }

  /** Keeps the response gate in step with the server; called for every server event, before dispatch. */
  observe(event: ServerEvent): void {
    if (event.type === 'response.created') this.#responses.created();
    else if (event.type === 'response.done') this.#responses.done();
    else if (event.type === 'error') this.#responses.failed(event);
  }

  updateSession(session: Record<string, unknown>): void {
    this.#send({ type: 'session.update', session });
  }

  /** Appends caller audio (already in the session's input format) to the input buffer. */
  appendAudio(audio: Uint8Array): void {
    if (this.#socket.readyState !== WebSocket.OPEN) return;
    const base64 = Buffer.from(audio.buffer, audio.byteOffset, audio.byteLength).toString('base64');
    // Base64 needs no JSON escaping: no JSON.stringify on this 50-a-second path (README.md, point 4).
    this.#socket.send(`{"type":"input_audio_buffer.append","audio":"${base64}"}`);
  }

  createItem(item: Record<string, unknown>): void {
    this.#send({ type: 'conversation.item.create', item });
  }

  /** Typed caller text: a user message, then a reply to it. */
  sendUserText(text: string): void {
    this.createItem({ type: 'message', role: 'user', content: [{ type: 'input_text', text }] });
    this.requestResponse();
  }

  /** A realtime tool's result, then a reply that uses it. */
  sendFunctionCallOutput(callId: string, output: string): void {
    this.createItem({ type: 'function_call_output', output, call_id: callId });
    this.requestResponse();
  }

  truncate(itemId: string, contentIndex: number, audioEndMs: number): void {
    this.#send({
      type: 'conversation.item.truncate',
      item_id: itemId,
      content_index: contentIndex,
      audio_end_ms: audioEndMs,
    });
  }

  /** Asks for a response once the current one (if any) is done. */
  requestResponse(response?: ResponseRequest): void {
    this.#responses.request(response);
  }

  /** Cancels the response in progress, if there is one. */
  cancelResponse(): void {
    this.#responses.cancel();
  }

  #send(event: ClientEvent): void {
    if (this.#socket.readyState !== WebSocket.OPEN) {
      this.#logger.debug({ type: event.type }, 'realtime socket not open; client event dropped');
      return;
    }
    this.#socket.send(JSON.stringify(event));
  }
}
