import { z } from 'zod';

/**
 * The browser call protocol on `WS /browser/:ticket` (documented in packages/telephony/README.md).
 * Audio: binary frames of PCM16 little-endian, 24 kHz, mono, both ways. Control: JSON text frames below.
 */
export const BROWSER_SAMPLE_RATE = 24_000;
export const BROWSER_BYTES_PER_MS = (BROWSER_SAMPLE_RATE * 2) / 1000;
/** A single binary frame may carry at most this much audio (500 ms); browsers send 20–100 ms. */
export const BROWSER_MAX_FRAME_BYTES = 500 * BROWSER_BYTES_PER_MS;

/** Browser → server control messages. */
export const BrowserClientMessage = z.discriminatedUnion('type', [
  /** Typed caller text (the /test page's text box). */
  z.object({ type: z.literal('text'), text: z.string().min(1).max(2000) }),
  /** A keypad digit. */
  z.object({ type: z.literal('dtmf'), digit: z.string().regex(/^[0-9*#]$/) }),
  /** The audio before the server's `mark` with this name has finished playing. */
  z.object({ type: z.literal('played'), name: z.string().min(1).max(100) }),
  /** The caller hung up. */
  z.object({ type: z.literal('end') }),
]);
export type BrowserClientMessage = z.infer<typeof BrowserClientMessage>;

export const BrowserAnyMessage = z.object({ type: z.string() });

/** Server → browser control messages. */
export const BrowserServerMessage = z.discriminatedUnion('type', [
  /** The call is live: audio may flow. */
  z.object({
    type: z.literal('ready'),
    callId: z.string(),
    /** The engine answering (e.g. `local`, `openai`), shown on the test page. */
    engine: z.string().optional(),
    audio: z.object({
      encoding: z.literal('pcm16'),
      sampleRate: z.literal(BROWSER_SAMPLE_RATE),
      channels: z.literal(1),
    }),
  }),
  z.object({
    type: z.literal('transcript'),
    role: z.enum(['caller', 'agent']),
    itemId: z.string(),
    text: z.string(),
    final: z.boolean(),
    interrupted: z.boolean().optional(),
  }),
  z.object({
    type: z.literal('tool'),
    phase: z.enum(['call', 'result']),
    toolCallId: z.string(),
    name: z.string(),
    ok: z.boolean().optional(),
    message: z.string().optional(),
  }),
  /** Stop playing and drop queued agent audio now (barge-in). Pending marks need no `played` answer. */
  z.object({ type: z.literal('clear') }),
  /** Answer with `played` once all audio received before this mark has played. */
  z.object({ type: z.literal('mark'), name: z.string() }),
  z.object({ type: z.literal('end'), reason: z.string(), message: z.string().optional() }),
  z.object({ type: z.literal('error'), code: z.string(), message: z.string() }),
]);
export type BrowserServerMessage = z.infer<typeof BrowserServerMessage>;

/** The `error` code a typed line refused by the server's flood limit carries: the call itself goes on. */
export const TYPED_LINE_LIMITED = 'typed_lines_limited';
