import type { ToolResultEvent } from '@receptionist/engine';
import type { CallTransport } from '@receptionist/telephony';
import { CallJournal, type JournalSource } from '../call/call-journal.ts';
import type { CallLogOutbox } from '../call/call-log-outbox.ts';
import {
  type CallCarrier,
  CallLogWriter,
  type JournalTurn,
  type SessionCallStatus,
} from '../call/call-log-writer.ts';
import type { VoiceMetrics } from '../metrics.ts';
import type { LiveCalls } from './live-calls.ts';

/**
 * The call log's writer, also feeding the live view: what the log records (final turns in spoken order,
 * the answer, engine switches, the end) is what the dashboard streams, so the two never disagree.
 */
class LiveCallLogWriter extends CallLogWriter {
  readonly #live: LiveCalls;
  readonly #callId: string;

  constructor(input: {
    outbox: CallLogOutbox;
    businessId: string;
    callId: string;
    carrier: CallCarrier;
    live: LiveCalls;
  }) {
    super(input);
    this.#live = input.live;
    this.#callId = input.callId;
  }

  override turn(turn: JournalTurn): void {
    super.turn(turn);
    this.#live.publish(this.#callId, { type: 'turn', role: turn.role, text: turn.text });
  }

  override answered(engine: string): void {
    super.answered(engine);
    this.#live.publish(this.#callId, { type: 'state', state: 'in_progress', engine });
  }

  override engineSwitched(engine: string): void {
    super.engineSwitched(engine);
    this.#live.publish(this.#callId, { type: 'state', state: 'in_progress', engine });
  }

  override end(
    status: Exclude<SessionCallStatus, 'in_progress'>,
    endReason: string,
    succeededTools: ReadonlySet<string>,
  ): void {
    super.end(status, endReason, succeededTools);
    this.#live.publish(this.#callId, { type: 'end', status, reason: endReason });
  }
}

/** A call's journal that also streams tool results to the live view and takes staff lines for the log. */
class LiveCallJournal extends CallJournal {
  readonly #live: LiveCalls;
  readonly #callId: string;

  constructor(input: ConstructorParameters<typeof CallJournal>[0] & { live: LiveCalls; callId: string }) {
    super(input);
    this.#live = input.live;
    this.#callId = input.callId;
  }

  override follow(relay: JournalSource): void {
    super.follow(relay);
    relay.on('tool_result', (event) => this.#toolResult(event));
  }

  #toolResult(event: ToolResultEvent): void {
    this.#live.publish(this.#callId, {
      type: 'tool',
      toolCallId: event.toolCallId,
      name: event.name,
      arguments: event.arguments,
      status: event.status,
      message: event.result.message,
      latencyMs: event.latencyMs,
    });
  }
}

/** The journal of one call, written to the call log and streamed to the live view of its business. */
export function liveCallJournal(input: {
  live: LiveCalls;
  outbox: CallLogOutbox;
  businessId: string;
  callId: string;
  carrier: CallCarrier;
  channel: 'phone' | 'browser';
  transport: CallTransport;
  metrics: VoiceMetrics;
  now: () => number;
}): CallJournal {
  const writer = new LiveCallLogWriter({
    outbox: input.outbox,
    businessId: input.businessId,
    callId: input.callId,
    carrier: input.carrier,
    live: input.live,
  });
  const journal = new LiveCallJournal({
    writer,
    metrics: input.metrics,
    playback: input.transport,
    now: input.now,
    live: input.live,
    callId: input.callId,
  });
  input.live.open({
    callId: input.callId,
    businessId: input.businessId,
    channel: input.channel,
    logSystemLine: (text) => {
      // What the agent said before the action reads before it in the log.
      journal.flushAgentTurns();
      writer.turn({ role: 'system', text, endedAtMs: input.now() });
    },
  });
  return journal;
}
