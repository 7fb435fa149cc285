/**
 * Runs one scenario as a phone call: sets up state, rings the voice server through the voice team's
 * FakeTwilioClient, plays the caller's turns on a continuous 20 ms line, waits for each reply, hangs up,
 * then checks the expectations against the call log. Never throws: problems become a failed result.
 */
import type { Database } from '@receptionist/db';
import type { FakeTwilioClient } from '@receptionist/telephony/testing';
import { CallerLine } from '../call/caller-line.ts';
import type { CallerVoice } from '../call/caller-voice.ts';
import { followTranscript } from '../call/transcript-follower.ts';
import { CallerError } from '../errors.ts';
import {
  applySetup,
  businessNumber,
  type CallRecord,
  findScenarioBusiness,
  waitForCallRecord,
} from './call-log.ts';
import { checkExpectations, toolCallViews } from './expectations.ts';
import type { LoadedScenario } from './loader.ts';
import type { ScenarioResult, TranscriptLine } from './result.ts';
import type { Scenario, Turn } from './schema.ts';

export interface ScenarioContext {
  client: FakeTwilioClient;
  db: Database;
  voice: CallerVoice;
  /**
   * The voice server's clock: setup and expectations read "next tuesday" against the same "today" as the
   * receptionist (the real clock against a running product, a pinned one in tests).
   */
  now: () => number;
  /** Called with each transcript line as the call log records it (live transcript). */
  onTranscript?: ((line: TranscriptLine) => void) | undefined;
  /** Receives the receptionist's audio (μ-law 8 kHz) when the call is over. */
  onAgentAudio?: ((mulaw: Uint8Array, callSid: string) => void | Promise<void>) | undefined;
}

function describeTurn(turn: Turn): string {
  if ('say' in turn) return `say "${turn.say}"`;
  if ('press' in turn) return `press ${turn.press}`;
  if ('interrupt' in turn) return `interrupt with "${turn.interrupt}"`;
  if ('wait_ms' in turn) return `wait ${turn.wait_ms} ms`;
  if ('silence_ms' in turn) return `stay silent ${turn.silence_ms} ms`;
  return 'hang up';
}

/** Plays the turns; returns problems met on the way (no reply, call ended too early). */
async function playTurns(line: CallerLine, scenario: Scenario, voice: CallerVoice): Promise<string[]> {
  const problems: string[] = [];
  const reply = { quietMs: scenario.reply_silence_ms, timeoutMs: scenario.reply_timeout_ms };
  // The first reply also waits for the engine to start (speech models load per call), so it gets longer.
  const greeting = await line.waitForReply({ since: 0, ...reply, timeoutMs: reply.timeoutMs * 2 });
  if (greeting !== 'replied') {
    problems.push(
      greeting === 'no_reply'
        ? 'the receptionist never greeted the caller'
        : 'the call ended before any greeting',
    );
    return problems;
  }
  for (const [index, turn] of scenario.turns.entries()) {
    const label = `turn ${index + 1} (${describeTurn(turn)})`;
    if ('hangup' in turn) {
      await line.hangup();
      return problems;
    }
    if (line.ended) {
      if (!('silence_ms' in turn) && !('wait_ms' in turn)) problems.push(`the call ended before ${label}`);
      return problems;
    }
    if ('wait_ms' in turn || 'silence_ms' in turn) {
      await line.idle('wait_ms' in turn ? turn.wait_ms : turn.silence_ms);
      continue;
    }
    const since = line.agentBytes;
    if ('say' in turn) {
      await line.say(await voice.speak(turn.say, scenario.voice));
    } else if ('press' in turn) {
      await line.press(turn.press);
    } else {
      // Barge-in: talk as soon as the receptionist's next reply starts.
      const started = await line.waitForAgentAudio(since, reply.timeoutMs);
      if (started !== 'replied') {
        problems.push(`${label}: the receptionist never started talking, nothing to interrupt`);
        continue;
      }
      await line.say(await voice.speak(turn.interrupt, scenario.voice));
    }
    if (turn.wait_for_reply) {
      const outcome = await line.waitForReply({ since, ...reply });
      if (outcome === 'no_reply') problems.push(`${label}: no reply within ${reply.timeoutMs} ms`);
      if (outcome === 'call_ended' && index < scenario.turns.length - 1) {
        const rest = scenario.turns.slice(index + 1);
        if (rest.some((next) => 'say' in next || 'press' in next || 'interrupt' in next)) {
          problems.push(`the call ended after ${label}, before the caller was done`);
        }
        return problems;
      }
    }
  }
  await line.hangup();
  return problems;
}

function transcriptOf(record: CallRecord | undefined): TranscriptLine[] {
  return (record?.call.turns ?? []).map((turn) => ({
    role: turn.role,
    text: turn.text,
    ...(turn.interrupted ? { interrupted: true } : {}),
  }));
}

export async function runScenario(loaded: LoadedScenario, context: ScenarioContext): Promise<ScenarioResult> {
  const { scenario, file } = loaded;
  const startedAt = performance.now();
  const result: ScenarioResult = {
    name: scenario.name,
    file,
    passed: false,
    durationMs: 0,
    failures: [],
    transcript: [],
    toolCalls: [],
  };
  let line: CallerLine | undefined;
  let stopFollowing: (() => Promise<void>) | undefined;
  try {
    const business = await findScenarioBusiness(context.db, scenario);
    await applySetup(context.db, business, scenario, context.now());
    const call = await context.client
      .placeCall({
        from: scenario.caller.from,
        to: businessNumber(scenario),
        ...(scenario.keypad_at_menu ? { keypad: scenario.keypad_at_menu } : {}),
      })
      .catch((error: unknown) => {
        // fetch hides the reason (ECONNREFUSED…) in `cause`; say it.
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        const detail = cause?.code ?? cause?.message ?? (error as Error).message;
        throw new CallerError('webhook_failed', `the voice server did not take the call: ${detail}`, {
          cause: error,
        });
      });
    result.callSid = call.callSid;
    CallerLine.assertStreamed(call);
    line = new CallerLine(call);
    line.start();
    if (context.onTranscript) {
      stopFollowing = followTranscript(context.db, business, call.callSid, context.onTranscript);
    }
    const timedOut = new Promise<string[]>((resolve) =>
      setTimeout(
        () => resolve([`the scenario did not finish within ${scenario.timeout_ms} ms`]),
        scenario.timeout_ms,
      ).unref(),
    );
    const problems = await Promise.race([playTurns(line, scenario, context.voice), timedOut]);
    result.failures.push(...problems);
    if (!line.ended) await line.hangup();
    const record = await waitForCallRecord(context.db, business, call.callSid, 15_000, context.now());
    await stopFollowing?.();
    stopFollowing = undefined;
    await context.onAgentAudio?.(call.receivedAudio, call.callSid);
    if (!record) {
      result.failures.push('the voice server logged no call for this call SID');
    } else {
      result.callId = record.call.id;
      result.endReason = record.call.endReason ?? undefined;
      result.callStatus = record.call.status;
      result.transcript = transcriptOf(record);
      result.toolCalls = toolCallViews(record).map((tool) => ({
        name: tool.name,
        status: tool.status,
        code: tool.code,
      }));
      result.failures.push(
        ...checkExpectations(scenario.expect, record, { clears: call.clears }, new Date(context.now())),
      );
    }
  } catch (error) {
    result.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  } finally {
    await stopFollowing?.();
    line?.dispose();
  }
  result.durationMs = Math.round(performance.now() - startedAt);
  result.passed = !result.error && result.failures.length === 0;
  return result;
}
