import type { Listenable } from '@receptionist/audio';
import type { ToolResultEvent, TranscriptEntry, TranscriptEvent } from '@receptionist/engine';
import type { CallTransport } from '@receptionist/telephony';
import type { VoiceMetrics } from '../metrics.ts';
import { AgentTurnBuffer } from './agent-turn-buffer.ts';
import type { CallLogWriter, SessionCallStatus } from './call-log-writer.ts';
import type { RelayEvents } from './media-relay.ts';

/** Where the journal hears about the call: the media relay (a stand-in in tests). */
export type JournalSource = Listenable<RelayEvents>;

/**
 * What one call said and did, as the caller experienced it: finalized turns in spoken order with their
 * response latency, tool calls, engine switches and the outcome, written through `CallLogWriter`. Keeps the
 * call's history across engines so a fallback engine can pick up where the first one stopped.
 */
export class CallJournal {
  readonly history: TranscriptEntry[] = [];
  readonly #writer: CallLogWriter;
  readonly #metrics: VoiceMetrics;
  readonly #playback: Pick<CallTransport, 'isPlaying'>;
  readonly #turns = new AgentTurnBuffer();
  readonly #cutItems = new Set<string>();
  readonly #succeededTools = new Set<string>();
  readonly #now: () => number;
  #callerEndedAtMs: number | undefined;

  constructor(input: {
    writer: CallLogWriter;
    metrics: VoiceMetrics;
    /** Whether agent audio is still playing to the caller: a reply is final once it has been heard. */
    playback: Pick<CallTransport, 'isPlaying'>;
    /** Wall-clock timestamps of turns (latency uses the monotonic clock). */
    now: () => number;
  }) {
    this.#now = input.now;
    this.#writer = input.writer;
    this.#metrics = input.metrics;
    this.#playback = input.playback;
  }

  /** Journals what passes through the relay. */
  follow(relay: JournalSource): void {
    // A keypress or typed line ends the caller's input: the next reply's latency counts from now.
    relay.on('caller_input', () => this.#callerInputEnded());
    // Replies already under way are logged before the typed line, which the engine echoes as a transcript.
    relay.on('caller_typed', () => this.flushAgentTurns());
    relay.on('caller_speech_stopped', () => this.#callerInputEnded());
    relay.on('agent_audio', ({ itemId, engine }) => {
      if (!this.#turns.hasStarted(itemId)) this.#firstAudio(itemId, engine);
    });
    relay.on('barge_in', ({ itemId }) => {
      this.#cutItems.add(itemId);
      this.flushAgentTurns();
    });
    relay.on('played', () => {
      if (!this.#playback.isPlaying) this.flushAgentTurns();
    });
    relay.on('transcript', (event) => this.#transcript(event));
    relay.on('turn_metrics', ({ itemId, responseLatencyMs }) =>
      this.#turns.setLatency(itemId, responseLatencyMs),
    );
    relay.on('tool_result', (event) => this.#toolResult(event));
  }

  /** The caller is connected and the conversation starts on `engine`. */
  answered(engine: string): void {
    this.#writer.answered(engine);
  }

  /** The call failed over: what was said so far is logged first, then the switch. */
  engineSwitched(engine: string, why: string): void {
    this.flushAgentTurns();
    this.#writer.turn({ role: 'system', text: `Switched to the ${engine} engine (${why}).` });
    this.#writer.engineSwitched(engine);
  }

  /** Writes agent turns that are final for the caller; cut items are marked interrupted. */
  flushAgentTurns(): void {
    for (const turn of this.#turns.takeAll()) {
      this.history.push({ role: 'agent', text: turn.text });
      this.#writer.turn({
        role: 'agent',
        text: turn.text,
        startedAtMs: turn.startedAtMs,
        endedAtMs: this.#now(),
        interrupted: this.#cutItems.has(turn.itemId),
        latencyMs: turn.latencyMs,
      });
    }
  }

  /** Records the end and the outcome once; the first reason is the true one. */
  end(status: Exclude<SessionCallStatus, 'in_progress'>, reason: string): void {
    this.#writer.end(status, reason, this.#succeededTools);
  }

  /** Resolves once everything journaled so far is written (or has failed and been logged). */
  flush(): Promise<void> {
    return this.#writer.flush();
  }

  #callerInputEnded(): void {
    this.#callerEndedAtMs = performance.now();
  }

  #transcript(event: TranscriptEvent): void {
    // A reply or utterance that ends with no words (audio without a transcript) has nothing to log.
    if (!event.final || (event.text.trim() === '' && !event.interrupted)) return;
    if (event.role === 'caller') {
      // Replies that started before the caller's line go first, so the log reads in spoken order.
      this.flushAgentTurns();
      this.history.push({ role: 'caller', text: event.text });
      this.#callerEndedAtMs ??= performance.now();
      this.#writer.turn({ role: 'caller', text: event.text, endedAtMs: this.#now() });
      return;
    }
    this.#turns.finalText(event.itemId, event.text);
    if (!this.#playback.isPlaying || this.#cutItems.has(event.itemId)) this.flushAgentTurns();
  }

  #toolResult(event: ToolResultEvent): void {
    const late = event.status === 'late';
    if (event.status === 'ok' || late) this.#succeededTools.add(event.name);
    // One tool_calls row per result: the tool's transaction already wrote this one. A late result is
    // written again, after the `timeout` row its timeout wrote on this ordered chain, so `ok` stays.
    if (event.recorded === true && !late) return;
    this.#writer.toolCall({
      toolCallId: event.toolCallId,
      name: event.name,
      arguments: event.arguments,
      result: event.result,
      status: event.status === 'late' ? 'ok' : event.status,
      latencyMs: event.latencyMs,
    });
  }

  #firstAudio(itemId: string, engine: string): void {
    const latencyMs =
      this.#callerEndedAtMs === undefined ? undefined : Math.round(performance.now() - this.#callerEndedAtMs);
    this.#callerEndedAtMs = undefined;
    this.#turns.audioStarted(itemId, this.#now(), latencyMs);
    if (latencyMs !== undefined) this.#metrics.turnLatency.observe({ engine }, latencyMs);
  }
}
