import { bytesPerMs, type FakeAudioFormat } from './fake-openai-realtime-vad.ts';

/** How the fake Realtime server streams one reply: the exact GA event sequence the Agents SDK expects. */

export type JsonObject = Record<string, unknown>;

/** What the fake says when asked for a response. */
export type FakeRealtimeReply =
  | { kind: 'audio'; transcript: string; audio?: Uint8Array | undefined; delayMs?: number | undefined }
  | { kind: 'function_call'; name: string; arguments: JsonObject | string; delayMs?: number | undefined }
  | { kind: 'none' };

export interface ActiveResponse {
  id: string;
  cancelled: boolean;
}

/** The connection's side of a reply: sending events, minting ids, the conversation's items. */
export interface ReplySink {
  send(event: JsonObject): void;
  nextId(prefix: string): string;
  items: JsonObject[];
}

export interface AudioPacing {
  format: FakeAudioFormat;
  /** Bytes per `response.output_audio.delta`; default 20 ms of audio. */
  chunkBytes?: number | undefined;
  /** Pause between deltas; 0 yields to the event loop only. */
  intervalMs: number;
}

/**
 * An assistant audio message: item added, content part, transcript, audio deltas (stopping early when
 * the response is cancelled by barge-in), then the done events in the order the real server sends them.
 */
export async function streamAudioReply(
  sink: ReplySink,
  response: ActiveResponse,
  reply: Extract<FakeRealtimeReply, { kind: 'audio' }>,
  pacing: AudioPacing,
): Promise<JsonObject[]> {
  const { transcript } = reply;
  const bytes = reply.audio ?? syntheticAudio(pacing.format, transcript);
  const item: JsonObject = {
    id: sink.nextId('item'),
    object: 'realtime.item',
    type: 'message',
    role: 'assistant',
    status: 'in_progress',
    content: [],
  };
  const previous = sink.items.at(-1)?.id ?? null;
  sink.items.push(item);
  const where = { item_id: item.id, output_index: 0, response_id: response.id, content_index: 0 };
  sink.send({ type: 'response.output_item.added', item, output_index: 0, response_id: response.id });
  sink.send({ type: 'conversation.item.added', item, previous_item_id: previous });
  sink.send({ type: 'response.content_part.added', ...where, part: { type: 'audio' } });
  sink.send({ type: 'response.output_audio_transcript.delta', ...where, delta: transcript });
  const chunkBytes = pacing.chunkBytes ?? 20 * bytesPerMs(pacing.format);
  for (let offset = 0; offset < bytes.byteLength && !response.cancelled; offset += chunkBytes) {
    const chunk = bytes.subarray(offset, Math.min(offset + chunkBytes, bytes.byteLength));
    sink.send({
      type: 'response.output_audio.delta',
      ...where,
      delta: Buffer.from(chunk).toString('base64'),
    });
    // Yield between chunks so client events (cancel, truncate) interleave like on a real socket.
    await pause(pacing.intervalMs);
  }
  item.status = response.cancelled ? 'incomplete' : 'completed';
  item.content = [{ type: 'output_audio', transcript }];
  sink.send({ type: 'response.output_audio.done', ...where });
  sink.send({ type: 'response.output_audio_transcript.done', ...where, transcript });
  sink.send({ type: 'response.content_part.done', ...where, part: { type: 'audio', transcript } });
  sink.send({ type: 'response.output_item.done', item, output_index: 0, response_id: response.id });
  sink.send({ type: 'conversation.item.done', item, previous_item_id: previous });
  return [item];
}

/** A function call, dispatched by the SDK from `response.output_item.done` with status `completed`. */
export function functionCallReply(
  sink: ReplySink,
  response: ActiveResponse,
  reply: Extract<FakeRealtimeReply, { kind: 'function_call' }>,
): JsonObject {
  const args = typeof reply.arguments === 'string' ? reply.arguments : JSON.stringify(reply.arguments);
  const callId = sink.nextId('call');
  const item: JsonObject = {
    id: sink.nextId('item'),
    object: 'realtime.item',
    type: 'function_call',
    status: 'in_progress',
    call_id: callId,
    name: reply.name,
    arguments: '',
  };
  const previous = sink.items.at(-1)?.id ?? null;
  sink.items.push(item);
  const where = { item_id: item.id, output_index: 0, response_id: response.id, call_id: callId };
  sink.send({
    type: 'response.output_item.added',
    item: { ...item },
    output_index: 0,
    response_id: response.id,
  });
  sink.send({ type: 'conversation.item.added', item: { ...item }, previous_item_id: previous });
  sink.send({ type: 'response.function_call_arguments.delta', ...where, delta: args });
  sink.send({ type: 'response.function_call_arguments.done', ...where, name: reply.name, arguments: args });
  item.status = 'completed';
  item.arguments = args;
  sink.send({ type: 'response.output_item.done', item, output_index: 0, response_id: response.id });
  sink.send({ type: 'conversation.item.done', item, previous_item_id: previous });
  return item;
}

/** Deterministic, non-silent audio: 60 ms per word of the transcript. */
export function syntheticAudio(format: FakeAudioFormat, transcript: string): Uint8Array {
  const words = Math.max(1, transcript.split(/\s+/).filter(Boolean).length);
  const bytes = new Uint8Array(words * 60 * bytesPerMs(format));
  for (let index = 0; index < bytes.length; index += 1) bytes[index] = (index * 37) & 0xff;
  return bytes;
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => (ms > 0 ? setTimeout(resolve, ms) : setImmediate(resolve)));
}
