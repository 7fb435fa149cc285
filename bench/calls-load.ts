/**
 * The load side of the call benchmark: one simulated Twilio phone call per `placeLoadCall`, built from
 * Twilio's published Media Streams protocol. Signed webhook (its response time measured) → TwiML →
 * WebSocket → `connected`, `start`, then one stamped 160-byte μ-law frame every 20 ms on a drift-free
 * schedule in a speech-like pattern (2 s of silence, then 1 s of speech every 4 s) followed by 3 s of
 * silence, marks acknowledged when the audio before them would have finished playing (real-time
 * playout), `clear` honoured, `stop` at the end.
 */
import { randomBytes } from 'node:crypto';
import { WebSocket } from 'ws';
import { parseStreamTwiml, streamUrlOnServer, twilioSignature } from '../apps/caller/src/twilio-webhook.ts';
import { elapsedMsSince, StampScanner, stampedFrame } from './calls-frame-stamp.ts';

const FRAME_MS = 20;
const BYTES_PER_MS = 8;

export interface LoadCallOptions {
  callIndex: number;
  serverUrl: string;
  publicUrl: string;
  authToken: string;
  accountSid: string;
  from: string;
  to: string;
  /** Frames to stream (seconds × 50), then `tailFrames` of silence. */
  frames: number;
  tailFrames: number;
  /** Frames at the start whose latency is not recorded (connection set-up, JIT warm-up). */
  warmupFrames: number;
}

/** The caller's speech pattern: silent for 2 s, then 1 s of speech at the start of every 4 s. */
export function isSpeechFrame(seq: number, speechFrames: number): boolean {
  const ms = seq * FRAME_MS;
  return seq < speechFrames && ms >= 2_000 && (ms - 2_000) % 4_000 < 1_000;
}

export interface LoadCallResult {
  callIndex: number;
  /** Webhook POST → TwiML received, in ms (undefined if it failed). */
  webhookMs: number | undefined;
  inSent: number;
  outReceived: number;
  /** Outbound relay latency (peer send → Twilio side receive) per echoed frame after warm-up. */
  outLatencyMs: number[];
  /** How late our own sender was against its 20 ms schedule (harness noise, for context). */
  senderLagMs: number[];
  marksAcked: number;
  clears: number;
  errors: string[];
}

const hex = (bytes: number): string => randomBytes(bytes).toString('hex');
const nowMs = (): number => performance.now();

async function openStream(options: LoadCallOptions, callSid: string) {
  const params: Record<string, string> = {
    AccountSid: options.accountSid,
    ApiVersion: '2010-04-01',
    CallSid: callSid,
    CallStatus: 'ringing',
    Called: options.to,
    Caller: options.from,
    Direction: 'inbound',
    From: options.from,
    To: options.to,
  };
  const webhookUrl = new URL('/twilio/voice', options.publicUrl).toString();
  const postedAt = performance.now();
  const response = await fetch(new URL('/twilio/voice', options.serverUrl), {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': twilioSignature(options.authToken, webhookUrl, params),
    },
    body: new URLSearchParams(params),
  });
  const twiml = await response.text();
  const webhookMs = performance.now() - postedAt;
  if (!response.ok) throw new Error(`webhook answered ${response.status}: ${twiml.slice(0, 200)}`);
  const stream = parseStreamTwiml(twiml);
  const socket = new WebSocket(streamUrlOnServer(stream.url, options.serverUrl), {
    headers: { 'x-twilio-signature': twilioSignature(options.authToken, stream.url, {}) },
    perMessageDeflate: false,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
    socket.once('unexpected-response', (_request, reply) =>
      reject(new Error(`stream upgrade refused: ${reply.statusCode}`)),
    );
  });
  return { socket, parameters: stream.parameters, webhookMs };
}

export async function placeLoadCall(options: LoadCallOptions): Promise<LoadCallResult> {
  const result: LoadCallResult = {
    callIndex: options.callIndex,
    webhookMs: undefined,
    inSent: 0,
    outReceived: 0,
    outLatencyMs: [],
    senderLagMs: [],
    marksAcked: 0,
    clears: 0,
    errors: [],
  };
  const callSid = `CA${hex(16)}`;
  const streamSid = `MZ${hex(16)}`;
  let opened: Awaited<ReturnType<typeof openStream>>;
  try {
    opened = await openStream(options, callSid);
  } catch (error) {
    result.errors.push(`connect: ${(error as Error).message}`);
    return result;
  }
  const { socket, parameters } = opened;
  result.webhookMs = opened.webhookMs;
  const totalFrames = options.frames + options.tailFrames;
  let sequenceNumber = 0;
  const send = (message: Record<string, unknown>): void => {
    if (socket.readyState !== WebSocket.OPEN) return;
    socket.send(JSON.stringify(message));
  };
  const sendWithSequence = (message: Record<string, unknown>): void =>
    send({ ...message, sequenceNumber: String(++sequenceNumber), streamSid });

  // Playout model: marks come back when the audio queued before them would have finished playing.
  let playoutEndMs = 0;
  const pendingMarks: Array<{ name: string; dueMs: number }> = [];
  const ackDueMarks = (all = false): void => {
    const now = nowMs();
    while (pendingMarks.length > 0 && (all || (pendingMarks[0]?.dueMs ?? 0) <= now)) {
      const mark = pendingMarks.shift();
      if (!mark) break;
      sendWithSequence({ event: 'mark', mark: { name: mark.name } });
      result.marksAcked++;
    }
  };

  const scanner = new StampScanner();
  let closed = false;
  let hangingUp = false;
  const closedPromise = new Promise<void>((resolve) => {
    socket.on('close', (code, reason) => {
      closed = true;
      if (!hangingUp)
        result.errors.push(`relay closed the stream early: ${code} ${reason.toString()}`.trim());
      resolve();
    });
  });
  socket.on('error', (error) => result.errors.push(`socket: ${error.message}`));
  socket.on('message', (data) => {
    let message: { event?: string; media?: { payload?: string }; mark?: { name?: string } };
    try {
      message = JSON.parse(data.toString()) as typeof message;
    } catch {
      result.errors.push('relay sent a non-JSON frame');
      return;
    }
    if (message.event === 'media' && typeof message.media?.payload === 'string') {
      const audio = Buffer.from(message.media.payload, 'base64');
      playoutEndMs = Math.max(nowMs(), playoutEndMs) + audio.length / BYTES_PER_MS;
      for (const stamp of scanner.push(audio)) {
        if (stamp.direction !== 'out' || stamp.callIndex !== options.callIndex) continue;
        result.outReceived++;
        // Replies start after the caller's first second of speech, past any warm-up.
        result.outLatencyMs.push(elapsedMsSince(stamp.sentAtNs));
      }
    } else if (message.event === 'mark' && typeof message.mark?.name === 'string') {
      pendingMarks.push({ name: message.mark.name, dueMs: Math.max(nowMs(), playoutEndMs) });
    } else if (message.event === 'clear') {
      result.clears++;
      playoutEndMs = nowMs();
      ackDueMarks(true);
    }
  });

  send({ event: 'connected', protocol: 'Call', version: '1.0.0' });
  sendWithSequence({
    event: 'start',
    start: {
      streamSid,
      accountSid: options.accountSid,
      callSid,
      tracks: ['inbound'],
      customParameters: parameters,
      mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 },
    },
  });

  const startedMs = nowMs();
  await new Promise<void>((resolve) => {
    const tick = (): void => {
      const now = nowMs();
      while (result.inSent < totalFrames && startedMs + result.inSent * FRAME_MS <= now) {
        const seq = result.inSent;
        result.senderLagMs.push(now - (startedMs + seq * FRAME_MS));
        const frame = stampedFrame(
          { direction: 'in', callIndex: options.callIndex, seq, sentAtNs: process.hrtime.bigint() },
          isSpeechFrame(seq, options.frames),
        );
        sendWithSequence({
          event: 'media',
          media: {
            track: 'inbound',
            chunk: String(seq + 1),
            timestamp: String(seq * FRAME_MS),
            payload: frame.toString('base64'),
          },
        });
        result.inSent++;
      }
      ackDueMarks();
      if (result.inSent >= totalFrames || closed) {
        resolve();
        return;
      }
      setTimeout(tick, Math.max(0, startedMs + result.inSent * FRAME_MS - nowMs()));
    };
    tick();
  });

  // The trailing silence let the last reply play out; marks still due are acknowledged before hanging up.
  ackDueMarks(true);
  hangingUp = true;
  if (!closed) {
    sendWithSequence({ event: 'stop', stop: { accountSid: options.accountSid, callSid } });
    socket.close(1000);
    await Promise.race([closedPromise, new Promise((resolve) => setTimeout(resolve, 2000))]);
    if (!closed) socket.terminate();
  }
  return result;
}
