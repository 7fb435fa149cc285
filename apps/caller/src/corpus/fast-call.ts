/**
 * One corpus call, played faster than real time: the caller's phone-line audio (8 kHz μ-law, as Twilio
 * carries it) is pushed into the local engine's conversation as fast as it takes it, followed by the
 * silence that ends an utterance, and the next line waits only for the reply to be generated (not played).
 * The engine, its recogniser, the offline policy and the receptionist's tools are the real ones, on the
 * corpus database; the call log's turns are written as the voice server's journal writes them.
 */
import { type Database, forBusiness } from '@receptionist/db';
import { type Engine, PHONE_AUDIO } from '@receptionist/engine';
import type { BusinessProfile } from '@receptionist/domain';
import { buildReceptionistTools, receptionistCommitments, toBusinessBrief } from '@receptionist/receptionist';
import type { CorpusTurn } from './schema.ts';

const FRAME_BYTES = 160; // 20 ms of 8 kHz μ-law
const SILENCE = 0xff;
/** Silence after a line: pocketsphinx ends an utterance after 300 ms of it; the rest is margin. */
const TRAILING_SILENCE_MS = 1000;
/** Longest wait for a reply to be generated after a line (a recogniser that heard nothing gives none). */
const REPLY_TIMEOUT_MS = 10_000;
/**
 * After a reply, how long the call must stay quiet before the caller speaks again: a line the recogniser
 * cut in two gets two replies, and the second must not be taken for the reply to the next line.
 */
const SETTLE_MS = 500;

export interface HeardLine {
  said: string;
  /** What the recogniser made of it (its final caller transcripts until the reply). */
  heard: string;
}

export interface FastCallResult {
  callId: string;
  heard: HeardLine[];
  endReason: string | undefined;
  wallMs: number;
}

export interface FastCallOptions {
  engine: Engine;
  db: Database;
  businessId: string;
  profile: BusinessProfile;
  now: () => number;
  callSid: string;
  from: string | undefined;
  toNumber: string;
  turns: readonly CorpusTurn[];
  /** μ-law 8 kHz audio of a line. */
  speak: (text: string) => Promise<Uint8Array>;
  /**
   * What the caller says to a reply the script did not foresee (a number read back wrong), before the
   * next scripted line; undefined: nothing, go on with the script (see caller-persona.ts). `lastSaid` is
   * the caller's line just before `agentSaid`.
   */
  answer?:
    | ((agentSaid: string, lastSaid: string) => { say: string } | { press: string } | undefined)
    | undefined;
}

/** Unscripted answers per call at most: a caller corrects a misheard number a few times, not forever. */
const MAX_UNSCRIPTED = 3;

function silenceFrames(ms: number): Uint8Array {
  return new Uint8Array((ms / 20) * FRAME_BYTES).fill(SILENCE);
}

export async function runFastCall(options: FastCallOptions): Promise<FastCallResult> {
  const started = performance.now();
  const { db, businessId, profile } = options;
  const tenant = forBusiness(db, businessId);
  const call = await tenant.calls.create({
    channel: 'phone',
    twilioCallSid: options.callSid,
    fromNumber: options.from,
    toNumber: options.toNumber,
    engine: 'local',
    status: 'in_progress',
    // The row's start is wall-clock (the database stamps cancellations and moves with it), while the
    // receptionist decides by the pinned `now`, as on the voice server.
  });
  const conversation = await options.engine.start({
    callId: call.id,
    businessId,
    callerNumber: options.from,
    instructions: '',
    greeting: profile.greeting,
    audioFormat: PHONE_AUDIO,
    commitments: receptionistCommitments,
    tools: buildReceptionistTools({ db, businessId, now: options.now }),
    business: toBusinessBrief(profile),
    now: options.now,
  });

  let writes = Promise.resolve();
  const callerLines: string[] = [];
  const agentLines: string[] = [];
  let replies = 0;
  let replyWaiter: (() => void) | undefined;
  let endReason: string | undefined;
  let lastActivityAt = performance.now();
  conversation.on('transcript', (event) => {
    lastActivityAt = performance.now();
    if (!event.final) return;
    if (event.role === 'caller') callerLines.push(event.text);
    else agentLines.push(event.text);
    // In order, one at a time, as the journal writes the call log.
    writes = writes.then(async () => {
      await tenant.calls.appendTurn(call.id, { role: event.role, text: event.text });
    });
  });
  conversation.on('agent_audio_done', () => {
    lastActivityAt = performance.now();
    replies++;
    replyWaiter?.();
  });
  conversation.on('end', (event) => {
    endReason ??= event.reason;
    replyWaiter?.();
  });

  const waitForReply = async (repliesBefore: number): Promise<void> => {
    const deadline = performance.now() + REPLY_TIMEOUT_MS;
    const waiting = (): boolean => {
      if (endReason !== undefined || performance.now() > deadline) return false;
      return replies === repliesBefore || performance.now() - lastActivityAt < SETTLE_MS;
    };
    while (waiting()) {
      await new Promise<void>((resolve) => {
        replyWaiter = resolve;
        setTimeout(resolve, 100);
      });
    }
    replyWaiter = undefined;
  };

  const heard: HeardLine[] = [];
  const sayLine = async (line: string): Promise<void> => {
    const repliesBefore = replies;
    const audio = await options.speak(line);
    const linesBefore = callerLines.length;
    conversation.pushAudio(silenceFrames(200));
    for (let offset = 0; offset < audio.length; offset += FRAME_BYTES) {
      conversation.pushAudio(audio.subarray(offset, offset + FRAME_BYTES));
    }
    conversation.pushAudio(silenceFrames(TRAILING_SILENCE_MS));
    await waitForReply(repliesBefore);
    heard.push({ said: line, heard: callerLines.slice(linesBefore).join(' ') });
  };
  const pressKeys = async (keys: string): Promise<void> => {
    const repliesBefore = replies;
    for (const key of keys) conversation.pushDtmf(key);
    await waitForReply(repliesBefore);
  };
  let unscripted = 0;
  try {
    await waitForReply(0); // the greeting
    for (const turn of options.turns) {
      if (endReason !== undefined) break;
      if ('press' in turn) {
        await pressKeys(turn.press);
        continue;
      }
      const agentBefore = agentLines.length;
      await sayLine(turn.say);
      let reply = agentLines.slice(agentBefore).join(' ');
      let lastSaid = turn.say;
      while (endReason === undefined && unscripted < MAX_UNSCRIPTED) {
        const answer = options.answer?.(reply, lastSaid);
        if (answer === undefined) break;
        unscripted++;
        const before = agentLines.length;
        if ('say' in answer) await sayLine(answer.say);
        else await pressKeys(answer.press);
        lastSaid = 'say' in answer ? answer.say : lastSaid;
        reply = agentLines.slice(before).join(' ');
      }
    }
  } finally {
    await conversation.close(endReason === undefined ? 'caller_hangup' : undefined);
    await writes;
  }
  await tenant.calls.end(call.id, {
    status: 'completed',
    endReason: endReason ?? 'caller_hangup',
  });
  return { callId: call.id, heard, endReason, wallMs: performance.now() - started };
}
