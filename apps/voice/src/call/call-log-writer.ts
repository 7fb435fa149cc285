import type { AppendCallTurnInput, RecordToolCallInput } from '@receptionist/domain';
import type { CallLogOutbox } from './call-log-outbox.ts';

/** Final statuses the session can give a call (a subset of the call log's statuses). */
export type SessionCallStatus = 'completed' | 'transferred' | 'failed' | 'in_progress';

/**
 * This voice server, as the call row records who carries a call (with the answer, in the same write; the
 * heartbeat in call-liveness.ts keeps it fresh).
 */
export interface CallCarrier {
  voiceServerUrl: string;
  now: () => number;
}

export type JournalTurn = Omit<AppendCallTurnInput, 'callId'>;
export type JournalToolCall = Omit<RecordToolCallInput, 'callId'>;

/**
 * One call's log writes, handed to the process's outbox (call-log-outbox.ts): the call never waits for the
 * database and never fails because of it; the outbox writes in order, retries what can pass, and keeps a
 * durable copy so a crash loses at most the turn in progress.
 */
export class CallLogWriter {
  readonly #outbox: CallLogOutbox;
  readonly #businessId: string;
  readonly #callId: string;
  readonly #carrier: CallCarrier | undefined;
  #lastSeq = 0;
  #ended = false;

  constructor(input: { outbox: CallLogOutbox; businessId: string; callId: string; carrier?: CallCarrier }) {
    this.#outbox = input.outbox;
    this.#businessId = input.businessId;
    this.#callId = input.callId;
    this.#carrier = input.carrier;
  }

  turn(turn: JournalTurn): void {
    this.#lastSeq = this.#outbox.enqueue({ op: 'turn', ...this.#call(), turn });
  }

  toolCall(toolCall: JournalToolCall): void {
    this.#lastSeq = this.#outbox.enqueue({ op: 'tool_call', ...this.#call(), toolCall });
  }

  /** The caller is connected and the conversation starts on `engine`. */
  answered(engine: string): void {
    const carrier = this.#carrier && {
      voiceServerUrl: this.#carrier.voiceServerUrl,
      seenAtMs: this.#carrier.now(),
    };
    this.#lastSeq = this.#outbox.enqueue({ op: 'answered', ...this.#call(), engine, carrier });
  }

  engineSwitched(engine: string): void {
    this.#lastSeq = this.#outbox.enqueue({ op: 'engine_switched', ...this.#call(), engine });
  }

  /** Records the end and the outcome once; later calls are ignored (the first reason is the true one). */
  end(
    status: Exclude<SessionCallStatus, 'in_progress'>,
    endReason: string,
    succeededTools: ReadonlySet<string>,
  ): void {
    if (this.#ended) return;
    this.#ended = true;
    // The outcome is decided from the tools that succeeded by now, not by the time the write runs.
    this.#lastSeq = this.#outbox.enqueue({
      op: 'end',
      ...this.#call(),
      status,
      endReason,
      succeededTools: [...succeededTools],
    });
  }

  /** Resolves once everything this call queued so far has landed (or was refused and logged). */
  flush(): Promise<void> {
    return this.#outbox.whenDone(this.#lastSeq);
  }

  #call(): { businessId: string; callId: string } {
    return { businessId: this.#businessId, callId: this.#callId };
  }
}
