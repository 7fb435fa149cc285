import { z } from 'zod';

/**
 * The Realtime server events this engine acts on. Every message from the socket is parsed here once
 * (`parseServerMessage`, called only by connection.ts); anything else is kept as `other` and only logged.
 */
const serverEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('session.created'), session: z.unknown() }),
  z.object({ type: z.literal('session.updated'), session: z.unknown() }),
  z.object({
    type: z.literal('input_audio_buffer.speech_started'),
    item_id: z.string(),
    audio_start_ms: z.number(),
  }),
  z.object({
    type: z.literal('input_audio_buffer.speech_stopped'),
    item_id: z.string(),
    audio_end_ms: z.number(),
  }),
  z.object({
    type: z.literal('conversation.item.input_audio_transcription.delta'),
    item_id: z.string(),
    delta: z.string().optional(),
  }),
  z.object({
    type: z.literal('conversation.item.input_audio_transcription.completed'),
    item_id: z.string(),
    transcript: z.string(),
  }),
  z.object({
    type: z.literal('conversation.item.input_audio_transcription.failed'),
    item_id: z.string(),
    error: z.unknown(),
  }),
  z.object({
    type: z.literal('response.created'),
    response: z.looseObject({ id: z.string().optional() }),
  }),
  z.object({
    type: z.literal('response.done'),
    response: z.looseObject({ id: z.string().optional(), status: z.string().optional() }),
  }),
  z.object({
    type: z.literal('response.output_audio.delta'),
    item_id: z.string(),
    content_index: z.number(),
    response_id: z.string(),
    delta: z.string(),
  }),
  z.object({
    type: z.literal('response.output_item.done'),
    response_id: z.string(),
    item: z.looseObject({
      id: z.string().optional(),
      type: z.string(),
      status: z.string().optional(),
      call_id: z.string().optional(),
      name: z.string().optional(),
      arguments: z.string().optional(),
    }),
  }),
  z.object({ type: z.literal('response.output_audio.done'), item_id: z.string(), response_id: z.string() }),
  z.object({
    type: z.literal('response.output_audio_transcript.delta'),
    item_id: z.string(),
    delta: z.string(),
  }),
  z.object({
    type: z.literal('response.output_audio_transcript.done'),
    item_id: z.string(),
    transcript: z.string(),
  }),
  z.object({
    type: z.literal('error'),
    error: z
      .looseObject({
        type: z.string().nullish(),
        code: z.string().nullish(),
        message: z.string().nullish(),
        /** The client event the error is about, when the server knows it. */
        event_id: z.string().nullish(),
      })
      .nullish(),
  }),
]);

export type ServerEvent = z.infer<typeof serverEventSchema>;
export type ServerErrorEvent = Extract<ServerEvent, { type: 'error' }>;
export type OutputItemDoneEvent = Extract<ServerEvent, { type: 'response.output_item.done' }>;

const KNOWN_TYPES = new Set<string>(serverEventSchema.options.map((option) => option.shape.type.value));

export type ParsedServerEvent =
  | { kind: 'event'; event: ServerEvent }
  /** A type we act on but whose shape did not parse: a protocol problem worth a warning. */
  | { kind: 'malformed'; type: string; issues: string }
  /** Everything else the server sends (rate limits, content parts…). */
  | { kind: 'other'; type: string };

export function parseServerEvent(raw: unknown): ParsedServerEvent {
  const type =
    raw !== null && typeof raw === 'object' && 'type' in raw && typeof raw.type === 'string'
      ? raw.type
      : '(none)';
  if (!KNOWN_TYPES.has(type)) return { kind: 'other', type };
  const parsed = serverEventSchema.safeParse(raw);
  return parsed.success
    ? { kind: 'event', event: parsed.data }
    : { kind: 'malformed', type, issues: parsed.error.message };
}

/** One socket message: JSON first, then the schema. A message that is not JSON counts as malformed. */
export function parseServerMessage(text: string): ParsedServerEvent {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { kind: 'malformed', type: '(not json)', issues: String(error) };
  }
  return parseServerEvent(raw);
}

export type ServerErrorClass = 'session_expired' | 'connection_fatal' | 'recoverable';

/**
 * `session_expired` (the 60-minute cap) and `server_error` end the usable session: reconnect.
 * Request errors (a truncate past the audio, a response already active) leave the session usable.
 */
export function classifyServerError(event: ServerErrorEvent): ServerErrorClass {
  if (event.error?.code === 'session_expired') return 'session_expired';
  if (event.error?.type === 'server_error') return 'connection_fatal';
  return 'recoverable';
}
