/**
 * A fast fake OpenAI Realtime peer for the call benchmark (its own process, started by calls.bench.ts).
 *
 * It speaks enough of the GA protocol for the Agents SDK (every event has `event_id`, responses are
 * bracketed by response.created / response.done, audio items carry response_id / output_index /
 * content_index) and behaves like the Realtime API with server VAD: it listens to the appended audio,
 * sends `input_audio_buffer.speech_started` / `speech_stopped` once 200 ms of silence end an utterance,
 * commits the turn with its `conversation.item.input_audio_transcription.completed`, and answers at once
 * with a 1.5 s reply: `response.output_audio.delta` in 100 ms chunks (five stamped 20 ms frames each) at
 * 3× real time, a transcript delta per chunk, then `output_audio.done` … `response.done`. Speech during a
 * reply cancels it (barge-in). It records when each stamped caller frame arrived, so relay-added inbound
 * latency is measured here.
 *
 * Control over the IPC channel: {type:'reset'} clears counters, {type:'stats'} replies with them.
 * Usage: node --import tsx bench/calls-fake-peer.ts  (reports {type:'listening', port} over IPC)
 */
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import { FRAME_BYTES, loudShare, readStamps, stampedFrame } from './calls-frame-stamp.ts';

/** A 1.5 s reply: 15 chunks of 100 ms (5 frames each), one every 33 ms (3× real time). */
const REPLY_CHUNKS = 15;
const FRAMES_PER_CHUNK = 5;
const CHUNK_INTERVAL_MS = 100 / 3;
const TRANSCRIPT_WORD = 'echo';
/** Server VAD: audio this loud is speech; this much silence ends an utterance. */
const SPEECH_LOUD_SHARE = 0.5;
const SPEECH_START_MS = 60;
const SILENCE_END_MS = 200;
const CALLER_TRANSCRIPT = 'I would like to book a cleaning next week please';

export interface PeerCallStats {
  inReceived: number;
  /** Inbound relay latency per frame in ms, only for frames with seq >= warmupFrames. */
  inLatencyMs: number[];
  outSent: number;
}

const stats = new Map<number, PeerCallStats>();
let warmupFrames = 0;
let eventCounter = 0;
let idCounter = 0;
let protocolErrors = 0;

function statsFor(callIndex: number): PeerCallStats {
  let entry = stats.get(callIndex);
  if (!entry) {
    entry = { inReceived: 0, inLatencyMs: [], outSent: 0 };
    stats.set(callIndex, entry);
  }
  return entry;
}

const nextEventId = (): string => `event_${++eventCounter}`;
const nextId = (prefix: string): string => `${prefix}_${++idCounter}`;

interface ActiveResponse {
  id: string;
  itemId: string;
  frames: number;
  transcript: string;
  timer?: NodeJS.Timeout | undefined;
}

/** Server VAD state of one connection, in ms of appended audio. */
interface VadState {
  speaking: boolean;
  speechMs: number;
  silenceMs: number;
  audioMs: number;
  itemId: string;
  callIndex: number;
}

/** One SDK connection: session state plus the response currently streaming audio. */
class PeerConnection {
  #socket: WebSocket;
  #session: Record<string, unknown>;
  #response: ActiveResponse | undefined;
  #outSeq = 0;
  #vad: VadState = { speaking: false, speechMs: 0, silenceMs: 0, audioMs: 0, itemId: '', callIndex: -1 };

  constructor(socket: WebSocket) {
    this.#socket = socket;
    this.#session = {
      type: 'realtime',
      object: 'realtime.session',
      id: nextId('sess'),
      model: 'gpt-realtime',
      output_modalities: ['audio'],
      instructions: '',
      tools: [],
      audio: {
        input: { format: { type: 'audio/pcmu' }, turn_detection: null, transcription: null },
        output: { format: { type: 'audio/pcmu' }, voice: 'marin', speed: 1 },
      },
    };
    this.#send({ type: 'session.created', session: this.#session });
    socket.on('message', (data, isBinary) => {
      if (isBinary) return;
      this.#onMessage(data.toString());
    });
    socket.on('close', () => clearInterval(this.#response?.timer));
  }

  #send(event: Record<string, unknown>): void {
    if (this.#socket.readyState !== this.#socket.OPEN) return;
    this.#socket.send(JSON.stringify({ event_id: nextEventId(), ...event }));
  }

  #onMessage(text: string): void {
    let event: { type?: unknown; [key: string]: unknown };
    try {
      event = JSON.parse(text) as typeof event;
    } catch {
      protocolErrors++;
      return;
    }
    switch (event.type) {
      case 'input_audio_buffer.append':
        this.#onAudio(typeof event.audio === 'string' ? event.audio : '');
        break;
      case 'session.update': {
        const update = (event.session ?? {}) as Record<string, unknown>;
        this.#session = { ...this.#session, ...update };
        this.#send({ type: 'session.updated', session: this.#session });
        break;
      }
      case 'response.create':
        this.#finishResponse('completed');
        this.#speakGreeting();
        break;
      case 'response.cancel':
        this.#finishResponse('cancelled');
        break;
      case 'conversation.item.create': {
        const item = { id: nextId('item'), status: 'completed', ...((event.item ?? {}) as object) };
        this.#send({ type: 'conversation.item.added', previous_item_id: null, item });
        this.#send({ type: 'conversation.item.done', previous_item_id: null, item });
        break;
      }
      case 'conversation.item.truncate':
        this.#send({
          type: 'conversation.item.truncated',
          item_id: event.item_id,
          content_index: event.content_index ?? 0,
          audio_end_ms: event.audio_end_ms ?? 0,
        });
        break;
      case 'conversation.item.retrieve':
        this.#send({
          type: 'conversation.item.retrieved',
          item: { id: event.item_id, type: 'message', role: 'assistant', status: 'completed', content: [] },
        });
        break;
      case 'input_audio_buffer.commit':
        this.#send({ type: 'input_audio_buffer.committed', item_id: nextId('item'), previous_item_id: null });
        break;
      case 'input_audio_buffer.clear':
        this.#send({ type: 'input_audio_buffer.cleared' });
        break;
      default:
        break;
    }
  }

  #onAudio(base64: string): void {
    const audio = Buffer.from(base64, 'base64');
    const nowNs = process.hrtime.bigint();
    for (const stamp of readStamps(audio)) {
      if (stamp.direction !== 'in') continue;
      const entry = statsFor(stamp.callIndex);
      entry.inReceived++;
      if (stamp.seq >= warmupFrames) entry.inLatencyMs.push(Number(nowNs - stamp.sentAtNs) / 1e6);
      this.#vad.callIndex = stamp.callIndex;
    }
    this.#detectSpeech(audio);
  }

  /** Server VAD over the appended audio, chunk by chunk as the relay sent it. */
  #detectSpeech(audio: Buffer): void {
    const vad = this.#vad;
    const chunkMs = audio.length / 8;
    vad.audioMs += chunkMs;
    if (loudShare(audio) >= SPEECH_LOUD_SHARE) {
      vad.silenceMs = 0;
      vad.speechMs += chunkMs;
      if (!vad.speaking && vad.speechMs >= SPEECH_START_MS) {
        vad.speaking = true;
        vad.itemId = nextId('item');
        // Speech over a reply interrupts it, as the Realtime API does with server VAD.
        if (this.#response) this.#finishResponse('cancelled');
        this.#send({
          type: 'input_audio_buffer.speech_started',
          audio_start_ms: Math.round(vad.audioMs - vad.speechMs),
          item_id: vad.itemId,
        });
      }
      return;
    }
    vad.speechMs = 0;
    if (!vad.speaking) return;
    vad.silenceMs += chunkMs;
    if (vad.silenceMs < SILENCE_END_MS) return;
    vad.speaking = false;
    this.#endOfTurn(vad.itemId, Math.round(vad.audioMs - vad.silenceMs));
  }

  #endOfTurn(itemId: string, audioEndMs: number): void {
    this.#send({ type: 'input_audio_buffer.speech_stopped', audio_end_ms: audioEndMs, item_id: itemId });
    this.#send({ type: 'input_audio_buffer.committed', item_id: itemId, previous_item_id: null });
    const item = {
      id: itemId,
      type: 'message',
      role: 'user',
      status: 'completed',
      content: [{ type: 'input_audio', transcript: null }],
    };
    this.#send({ type: 'conversation.item.added', previous_item_id: null, item });
    this.#send({ type: 'conversation.item.done', previous_item_id: null, item });
    this.#send({
      type: 'conversation.item.input_audio_transcription.completed',
      item_id: itemId,
      content_index: 0,
      transcript: CALLER_TRANSCRIPT,
    });
    this.#reply(this.#vad.callIndex);
  }

  /** A 1.5 s reply streamed at 3× real time, each 20 ms frame stamped when sent. */
  #reply(callIndex: number): void {
    this.#finishResponse('cancelled');
    const response = this.#startResponse();
    let chunks = 0;
    response.timer = setInterval(() => {
      if (this.#response !== response) return;
      const frames: Buffer[] = [];
      const entry = statsFor(callIndex);
      for (let index = 0; index < FRAMES_PER_CHUNK; index++) {
        const seq = this.#outSeq++;
        frames.push(
          stampedFrame({ direction: 'out', callIndex, seq, sentAtNs: process.hrtime.bigint() }, true),
        );
        entry.outSent++;
      }
      this.#sendDelta(response, Buffer.concat(frames));
      this.#sendTranscriptDelta(response);
      chunks++;
      if (chunks >= REPLY_CHUNKS) this.#finishResponse('completed');
    }, CHUNK_INTERVAL_MS);
  }

  #sendDelta(response: ActiveResponse, audio: Buffer): void {
    this.#send({
      type: 'response.output_audio.delta',
      response_id: response.id,
      item_id: response.itemId,
      output_index: 0,
      content_index: 0,
      delta: audio.toString('base64'),
    });
  }

  #sendTranscriptDelta(response: ActiveResponse): void {
    const delta = response.transcript === '' ? TRANSCRIPT_WORD : ` ${TRANSCRIPT_WORD}`;
    response.transcript += delta;
    this.#send({
      type: 'response.output_audio_transcript.delta',
      response_id: response.id,
      item_id: response.itemId,
      output_index: 0,
      content_index: 0,
      delta,
    });
  }

  #startResponse(): ActiveResponse {
    const response: ActiveResponse = {
      id: nextId('resp'),
      itemId: nextId('item'),
      frames: 0,
      transcript: '',
    };
    this.#response = response;
    const item = {
      id: response.itemId,
      type: 'message',
      role: 'assistant',
      status: 'in_progress',
      content: [],
    };
    this.#send({
      type: 'response.created',
      response: { id: response.id, object: 'realtime.response', status: 'in_progress', output: [] },
    });
    this.#send({ type: 'response.output_item.added', response_id: response.id, output_index: 0, item });
    this.#send({ type: 'conversation.item.added', previous_item_id: null, item });
    this.#send({
      type: 'response.content_part.added',
      response_id: response.id,
      item_id: response.itemId,
      output_index: 0,
      content_index: 0,
      part: { type: 'audio', transcript: '' },
    });
    return response;
  }

  #speakGreeting(): void {
    const response = this.#startResponse();
    this.#sendDelta(response, Buffer.alloc(FRAME_BYTES, 0xff));
    this.#finishResponse('completed', 'Hello.');
  }

  #finishResponse(status: 'completed' | 'cancelled', spoken?: string): void {
    const response = this.#response;
    if (!response) return;
    const transcript = spoken ?? response.transcript;
    clearInterval(response.timer);
    this.#response = undefined;
    const where = { response_id: response.id, item_id: response.itemId, output_index: 0, content_index: 0 };
    this.#send({ type: 'response.output_audio.done', ...where });
    this.#send({ type: 'response.output_audio_transcript.done', ...where, transcript });
    this.#send({ type: 'response.content_part.done', ...where, part: { type: 'audio', transcript } });
    const item = {
      id: response.itemId,
      type: 'message',
      role: 'assistant',
      status: status === 'completed' ? 'completed' : 'incomplete',
      content: [{ type: 'output_audio', transcript }],
    };
    this.#send({ type: 'response.output_item.done', response_id: response.id, output_index: 0, item });
    this.#send({ type: 'conversation.item.done', previous_item_id: null, item });
    this.#send({
      type: 'response.done',
      response: {
        id: response.id,
        object: 'realtime.response',
        status,
        output: [item],
        usage: { total_tokens: 0, input_tokens: 0, output_tokens: 0 },
      },
    });
  }
}

type ControlMessage = { type: 'reset'; warmupFrames: number } | { type: 'stats' } | { type: 'close' };

const server = new WebSocketServer({ host: '127.0.0.1', port: 0, maxPayload: 1024 * 1024 });
server.on('connection', (socket) => {
  socket.on('error', () => {
    protocolErrors++;
  });
  new PeerConnection(socket);
});
server.on('listening', () => {
  const { port } = server.address() as AddressInfo;
  process.send?.({ type: 'listening', port });
});

process.on('message', (message: ControlMessage) => {
  if (message.type === 'reset') {
    stats.clear();
    protocolErrors = 0;
    warmupFrames = message.warmupFrames;
    process.send?.({ type: 'reset:ok' });
  } else if (message.type === 'stats') {
    process.send?.({ type: 'stats', calls: Object.fromEntries(stats), protocolErrors });
  } else if (message.type === 'close') {
    for (const client of server.clients) client.terminate();
    server.close(() => process.exit(0));
  }
});
