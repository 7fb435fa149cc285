import type { IncomingHttpHeaders } from 'node:http';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import {
  type ActiveResponse,
  type FakeRealtimeReply,
  functionCallReply,
  type JsonObject,
  type ReplySink,
  streamAudioReply,
} from './fake-openai-realtime-replies.ts';
import {
  asObject,
  defaultSession,
  mergeSession,
  sessionAudioFormat,
  sessionTurnDetection,
} from './fake-openai-realtime-session.ts';
import {
  bytesPerMs,
  EnergyVad,
  type EnergyVadOptions,
  type FakeAudioFormat,
} from './fake-openai-realtime-vad.ts';
import { ConditionWaiters } from './fake-openai-waiters.ts';

export type { FakeRealtimeReply, JsonObject } from './fake-openai-realtime-replies.ts';

/**
 * One client connection to the fake OpenAI Realtime server. It speaks the GA protocol with every field
 * the Agents SDK's zod schemas require (research/realtime.md §3): `event_id` on every event,
 * `response.done` after each `response.created`, function calls via `response.output_item.done`,
 * `conversation.item.retrieved` for `conversation.item.retrieve`.
 */

export interface FakeRealtimeResponderInput {
  connection: FakeRealtimeConnection;
  /** The `response` object of the client's `response.create`, or undefined for a VAD-created response. */
  request: JsonObject | undefined;
  items: readonly JsonObject[];
}

export type FakeRealtimeResponder = (
  input: FakeRealtimeResponderInput,
) => FakeRealtimeReply | Promise<FakeRealtimeReply>;

export interface FakeRealtimeConnectionOptions {
  respond: FakeRealtimeResponder;
  /** Bytes per `response.output_audio.delta`; default 20 ms of the session's format. */
  audioChunkBytes?: number | undefined;
  /** Pause between audio deltas; 0 streams as fast as the socket takes it. */
  audioChunkIntervalMs?: number | undefined;
  /** `energy`: detect speech in appended audio; `manual`: only `simulateCallerSpeech` and friends. */
  vad: 'energy' | 'manual';
  vadOptions?: EnergyVadOptions | undefined;
  /** Transcript the fake "hears" for an energy-detected turn. */
  transcribe?: ((audio: Uint8Array) => string) | undefined;
}

const clientEventSchema = z.looseObject({ type: z.string(), event_id: z.string().optional() });

export class FakeRealtimeConnection {
  readonly headers: IncomingHttpHeaders;
  readonly url: string;
  /** Every client event, parsed, in arrival order. */
  readonly received: JsonObject[] = [];
  readonly truncations: Array<{ item_id: string; content_index: number; audio_end_ms: number }> = [];
  session: JsonObject = defaultSession();
  readonly #socket: WebSocket;
  readonly #options: FakeRealtimeConnectionOptions;
  readonly #items: JsonObject[] = [];
  readonly #inputChunks: Uint8Array[] = [];
  readonly #waiters = new ConditionWaiters();
  readonly #vad: EnergyVad;
  #pendingTurnAudio: Uint8Array[] = [];
  #counter = 0;
  #active: ActiveResponse | undefined;
  #closed = false;

  constructor(
    socket: WebSocket,
    headers: IncomingHttpHeaders,
    url: string,
    options: FakeRealtimeConnectionOptions,
  ) {
    this.#socket = socket;
    this.headers = headers;
    this.url = url;
    this.#options = options;
    this.#vad = new EnergyVad(options.vadOptions);
    socket.on('message', (data) => this.#onMessage(String(data)));
    socket.on('close', () => {
      this.#closed = true;
      if (this.#active) this.#active.cancelled = true;
      this.#waiters.notify();
    });
    this.send({ type: 'session.created', session: this.session });
  }

  get closed(): boolean {
    return this.#closed;
  }

  get items(): readonly JsonObject[] {
    return this.#items;
  }

  get responding(): boolean {
    return this.#active !== undefined;
  }

  get outputFormat(): FakeAudioFormat {
    return this.#format('output');
  }

  /** All caller audio appended so far, concatenated. */
  inputAudio(): Uint8Array {
    return new Uint8Array(Buffer.concat(this.#inputChunks));
  }

  /** Sends a server event, adding `event_id`. */
  send(event: JsonObject): void {
    if (this.#closed) return;
    this.#counter += 1;
    this.#socket.send(JSON.stringify({ event_id: `event_fake_${this.#counter}`, ...event }));
  }

  /** Resolves with the first received client event matching `predicate` (already received or future). */
  waitForEvent(predicate: (event: JsonObject) => boolean, timeoutMs = 10_000): Promise<JsonObject> {
    return this.#waiters.until(() => this.received.find(predicate), timeoutMs, 'client event');
  }

  waitForInputBytes(byteCount: number, timeoutMs = 10_000): Promise<Uint8Array> {
    return this.#waiters.until(
      () => {
        const audio = this.inputAudio();
        return audio.byteLength >= byteCount ? audio : undefined;
      },
      timeoutMs,
      `${byteCount} input bytes`,
    );
  }

  /** Resolves once the client's socket is closed. */
  waitForClose(timeoutMs = 10_000): Promise<true> {
    return this.#waiters.until(() => (this.#closed ? true : undefined), timeoutMs, 'socket close');
  }

  /** The caller starts talking: `speech_started`, and barge-in cancellation when the session asks for it. */
  speechStarted(itemId = this.#nextId('item')): string {
    this.send({
      type: 'input_audio_buffer.speech_started',
      item_id: itemId,
      audio_start_ms: this.#inputMs(),
    });
    if (this.#active && this.#turnDetection()?.interrupt_response !== false) this.#active.cancelled = true;
    return itemId;
  }

  /** The caller stops: commit, the user item, its transcription, then a response if the session creates them. */
  speechStopped(itemId: string, transcript: string): void {
    const atMs = this.#inputMs();
    this.send({ type: 'input_audio_buffer.speech_stopped', item_id: itemId, audio_end_ms: atMs });
    const item: JsonObject = {
      id: itemId,
      object: 'realtime.item',
      type: 'message',
      role: 'user',
      status: 'completed',
      content: [{ type: 'input_audio', transcript: null }],
    };
    const previous = this.#items.at(-1)?.id ?? null;
    this.#items.push(item);
    this.send({ type: 'input_audio_buffer.committed', item_id: itemId, previous_item_id: previous });
    this.send({ type: 'conversation.item.added', item, previous_item_id: previous });
    this.send({ type: 'conversation.item.done', item, previous_item_id: previous });
    this.send({
      type: 'conversation.item.input_audio_transcription.delta',
      item_id: itemId,
      content_index: 0,
      delta: transcript,
    });
    item.content = [{ type: 'input_audio', transcript }];
    this.send({
      type: 'conversation.item.input_audio_transcription.completed',
      item_id: itemId,
      content_index: 0,
      transcript,
      usage: { type: 'duration', seconds: 1 },
    });
    if (this.#turnDetection()?.create_response !== false) void this.respond(undefined);
  }

  /** A whole caller turn without audio. */
  simulateCallerSpeech(transcript: string): string {
    const itemId = this.speechStarted();
    this.speechStopped(itemId, transcript);
    return itemId;
  }

  sendError(error: { type: string; code?: string; message: string }): void {
    this.send({ type: 'error', error: { event_id: null, param: null, code: null, ...error } });
  }

  /** Closes like the real server: a close frame with a code (1001 for session expiry, 1011 for errors). */
  close(code = 1000, reason = ''): void {
    this.#socket.close(code, reason);
  }

  /** Drops the TCP connection without a close frame. */
  terminate(): void {
    this.#socket.terminate();
  }

  /** Runs one response: asks the responder what to say, then streams it. */
  async respond(request: JsonObject | undefined): Promise<void> {
    const response: ActiveResponse = { id: this.#nextId('resp'), cancelled: false };
    if (this.#active) this.#active.cancelled = true;
    this.#active = response;
    this.send({
      type: 'response.created',
      response: { id: response.id, object: 'realtime.response', status: 'in_progress', output: [] },
    });
    const reply = await this.#options.respond({ connection: this, request, items: this.#items });
    if ('delayMs' in reply && reply.delayMs) await delay(reply.delayMs);
    let output: JsonObject[] = [];
    const sink: ReplySink = {
      send: (event) => this.send(event),
      nextId: (prefix) => this.#nextId(prefix),
      items: this.#items,
    };
    if (reply.kind === 'audio') {
      output = await streamAudioReply(sink, response, reply, {
        format: this.#format('output'),
        chunkBytes: this.#options.audioChunkBytes,
        intervalMs: this.#options.audioChunkIntervalMs ?? 0,
      });
    }
    if (reply.kind === 'function_call') output = [functionCallReply(sink, response, reply)];
    const status = response.cancelled ? 'cancelled' : 'completed';
    this.send({
      type: 'response.done',
      response: {
        id: response.id,
        object: 'realtime.response',
        status,
        status_details: response.cancelled ? { type: 'cancelled', reason: 'turn_detected' } : null,
        output,
        usage: { total_tokens: 20, input_tokens: 10, output_tokens: 10 },
      },
    });
    if (this.#active === response) this.#active = undefined;
  }

  #onMessage(raw: string): void {
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      this.sendError({ type: 'invalid_request_error', code: 'invalid_json', message: 'Invalid JSON' });
      return;
    }
    const parsed = clientEventSchema.safeParse(json);
    if (!parsed.success) {
      this.sendError({ type: 'invalid_request_error', code: 'invalid_event', message: 'Missing type' });
      return;
    }
    const event = parsed.data as JsonObject & { type: string };
    this.received.push(event);
    this.#handle(event);
    this.#waiters.notify();
  }

  #handle(event: JsonObject & { type: string }): void {
    switch (event.type) {
      case 'session.update':
        this.session = mergeSession(this.session, asObject(event.session));
        this.send({ type: 'session.updated', session: this.session });
        return;
      case 'input_audio_buffer.append':
        this.#appendAudio(Buffer.from(String(event.audio ?? ''), 'base64'));
        return;
      case 'conversation.item.create':
        this.#createItem(asObject(event.item));
        return;
      case 'conversation.item.retrieve':
        this.#retrieveItem(String(event.item_id));
        return;
      case 'conversation.item.truncate':
        this.#truncate(event);
        return;
      case 'conversation.item.delete':
        this.send({ type: 'conversation.item.deleted', item_id: event.item_id });
        return;
      case 'response.create':
        void this.respond(asObject(event.response));
        return;
      case 'response.cancel':
        if (this.#active) this.#active.cancelled = true;
        return;
      default:
        return;
    }
  }

  #appendAudio(audio: Uint8Array): void {
    this.#inputChunks.push(audio);
    if (this.#options.vad !== 'energy' || this.#turnDetection() === null) return;
    if (this.#vad.speaking) this.#pendingTurnAudio.push(audio);
    for (const transition of this.#vad.push(audio, this.#format('input'))) {
      if (transition.kind === 'speech_started') {
        this.#pendingTurnAudio = [audio];
        this.#currentSpeechItem = this.speechStarted();
      } else if (this.#currentSpeechItem) {
        const heard = Buffer.concat(this.#pendingTurnAudio);
        this.#pendingTurnAudio = [];
        this.speechStopped(this.#currentSpeechItem, this.#options.transcribe?.(heard) ?? 'caller speech');
        this.#currentSpeechItem = undefined;
      }
    }
  }

  #currentSpeechItem: string | undefined;

  #createItem(item: JsonObject): void {
    const stored: JsonObject = { object: 'realtime.item', status: 'completed', ...item };
    stored.id ??= this.#nextId('item');
    const previous = this.#items.at(-1)?.id ?? null;
    this.#items.push(stored);
    this.send({ type: 'conversation.item.added', item: stored, previous_item_id: previous });
    this.send({ type: 'conversation.item.done', item: stored, previous_item_id: previous });
  }

  #retrieveItem(itemId: string): void {
    const item = this.#items.find((candidate) => candidate.id === itemId);
    if (item) this.send({ type: 'conversation.item.retrieved', item });
    else
      this.sendError({ type: 'invalid_request_error', code: 'item_not_found', message: `No item ${itemId}` });
  }

  #truncate(event: JsonObject): void {
    const truncation = {
      item_id: String(event.item_id),
      content_index: Number(event.content_index ?? 0),
      audio_end_ms: Number(event.audio_end_ms),
    };
    this.truncations.push(truncation);
    this.send({ type: 'conversation.item.truncated', ...truncation });
  }

  #turnDetection(): JsonObject | null {
    return sessionTurnDetection(this.session);
  }

  #format(direction: 'input' | 'output'): FakeAudioFormat {
    return sessionAudioFormat(this.session, direction);
  }

  #inputMs(): number {
    const bytes = this.#inputChunks.reduce((sum, chunk) => sum + chunk.byteLength, 0);
    return Math.floor(bytes / bytesPerMs(this.#format('input')));
  }

  #nextId(prefix: string): string {
    this.#counter += 1;
    return `${prefix}_fake_${this.#counter}`;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
