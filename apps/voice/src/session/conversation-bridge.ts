import type { Conversation, EndEvent, Engine, ToolAction, TranscriptEntry } from '@receptionist/engine';
import type { CallTransport } from '@receptionist/telephony';
import type { Logger } from 'pino';
import type { VoiceMetrics } from '../metrics.ts';
import { AgentTurnBuffer } from './agent-turns.ts';
import type { CallRecorder } from './call-recorder.ts';

/** What the bridge tells the call session; the session decides what to do about it. */
export interface BridgeHooks {
  /** False once this conversation is no longer the call's current one (failover, ending). */
  isCurrent(): boolean;
  callerActive(): void;
  agentActive(): void;
  action(action: ToolAction): void;
  /** The engine reported a fatal error. */
  failed(why: string): void;
  ended(reason: EndEvent['reason'], detail: string | undefined): void;
}

/**
 * Relays one conversation's events to the transport and the call log: agent audio out, barge-in (clear and
 * report what was heard), transcripts and tool activity to the page, finalized turns with latency to the log.
 * Keeps the call's history across engines so a fallback engine can pick up where the first one stopped.
 */
export class ConversationBridge {
  readonly history: TranscriptEntry[] = [];
  readonly #transport: CallTransport;
  readonly #recorder: CallRecorder;
  readonly #metrics: VoiceMetrics;
  readonly #log: Logger;
  readonly #turns = new AgentTurnBuffer();
  readonly #cutItems = new Set<string>();
  #callerEndedAtMs: number | undefined;
  #callerSpeaking = false;

  constructor(input: {
    transport: CallTransport;
    recorder: CallRecorder;
    metrics: VoiceMetrics;
    logger: Logger;
  }) {
    this.#transport = input.transport;
    this.#recorder = input.recorder;
    this.#metrics = input.metrics;
    this.#log = input.logger;
  }

  /** The caller is mid-utterance (not silence, per the engine's turn detection). */
  get callerSpeaking(): boolean {
    return this.#callerSpeaking;
  }

  /** The caller finished some input (keypress, typed text): the next reply's latency counts from now. */
  callerInputEnded(): void {
    this.#callerEndedAtMs = performance.now();
  }

  /**
   * The caller typed a line. Replies already under way are logged first; the line itself is logged when the
   * engine echoes it as a final caller transcript (the engine contract), so it is written exactly once.
   */
  callerTyped(): void {
    this.flushAgentTurns();
  }

  attach(conversation: Conversation, engine: Engine, hooks: BridgeHooks): void {
    const current = hooks.isCurrent;
    conversation.on('agent_audio', ({ itemId, audio }) => {
      if (!current() || this.#cutItems.has(itemId)) return;
      if (!this.#turns.hasStarted(itemId)) this.#firstAudio(itemId, engine.name);
      hooks.agentActive();
      this.#transport.sendAudio(itemId, audio);
    });
    conversation.on('caller_speech_started', () => {
      if (!current()) return;
      this.#callerSpeaking = true;
      hooks.callerActive();
      this.#bargeIn(conversation);
    });
    conversation.on('caller_speech_stopped', () => {
      if (!current()) return;
      this.#callerSpeaking = false;
      this.#callerEndedAtMs = performance.now();
      hooks.callerActive();
    });
    conversation.on('transcript', (event) => {
      if (!current()) return;
      this.#transport.notify({ type: 'transcript', ...event, interrupted: event.interrupted ?? false });
      // A reply or utterance that ends with no words (audio without a transcript) has nothing to log.
      if (!event.final || (event.text.trim() === '' && !event.interrupted)) return;
      if (event.role === 'caller') {
        // Replies that started before the caller's line go first, so the log reads in spoken order.
        this.flushAgentTurns();
        this.history.push({ role: 'caller', text: event.text });
        this.#callerEndedAtMs ??= performance.now();
        this.#recorder.turn({ role: 'caller', text: event.text, endedAtMs: Date.now() });
        return;
      }
      this.#turns.finalText(event.itemId, event.text);
      if (!this.#transport.isPlaying || this.#cutItems.has(event.itemId)) this.flushAgentTurns();
    });
    conversation.on('turn_metrics', ({ itemId, responseLatencyMs }) =>
      this.#turns.setLatency(itemId, responseLatencyMs),
    );
    conversation.on('tool_call', ({ toolCallId, name }) => {
      this.#transport.notify({ type: 'tool', phase: 'call', toolCallId, name });
    });
    conversation.on('tool_result', (event) => {
      const { toolCallId, name, result } = event;
      this.#transport.notify({
        type: 'tool',
        phase: 'result',
        toolCallId,
        name,
        ok: result.ok,
        message: result.message,
      });
      this.#recorder.toolCall({
        toolCallId,
        name,
        arguments: event.arguments,
        result,
        status: event.status,
        latencyMs: event.latencyMs,
        recorded: event.recorded,
      });
      if (result.action && current()) hooks.action(result.action);
    });
    conversation.on('decision', (decision) => this.#log.info({ decision }, 'engine decision'));
    conversation.on('error', (error) => {
      this.#metrics.countError(`engine_${error.code}`);
      this.#log.warn(
        { code: error.code, fatal: error.fatal, engine: engine.name, err: error.cause },
        error.message,
      );
      if (error.fatal && current()) hooks.failed(`${engine.name}: ${error.code}`);
    });
    conversation.on('end', ({ reason, detail }) => {
      if (!current()) return;
      this.#log.info({ reason, detail }, 'engine ended the conversation');
      hooks.ended(reason, detail);
    });
  }

  /** Writes agent turns that are final for the caller; cut items are marked interrupted. */
  flushAgentTurns(): void {
    for (const turn of this.#turns.takeAll()) {
      this.history.push({ role: 'agent', text: turn.text });
      this.#recorder.turn({
        role: 'agent',
        text: turn.text,
        startedAtMs: turn.startedAtMs,
        endedAtMs: Date.now(),
        interrupted: this.#cutItems.has(turn.itemId),
        latencyMs: turn.latencyMs,
      });
    }
  }

  #firstAudio(itemId: string, engineName: string): void {
    const latencyMs =
      this.#callerEndedAtMs === undefined ? undefined : Math.round(performance.now() - this.#callerEndedAtMs);
    this.#callerEndedAtMs = undefined;
    this.#turns.audioStarted(itemId, Date.now(), latencyMs);
    if (latencyMs !== undefined) this.#metrics.turnLatency.observe({ engine: engineName }, latencyMs);
  }

  /** The caller spoke over the agent: stop playback at once and tell the engine what was heard. */
  #bargeIn(conversation: Conversation): void {
    if (!this.#transport.isPlaying) return;
    const cleared = this.#transport.clearPlayback();
    if (!cleared) return;
    this.#cutItems.add(cleared.itemId);
    conversation.interrupt(cleared.itemId, cleared.heardMs);
    this.#log.info({ itemId: cleared.itemId, heardMs: cleared.heardMs }, 'barge-in');
    this.flushAgentTurns();
  }
}
