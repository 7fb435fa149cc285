import {
  type AppendCallTurnInput,
  appendCallTurn,
  type CallContext,
  endCall,
  markCallAnswered,
  type RecordToolCallInput,
  recordToolCall,
  setCallOutcome,
  switchCallEngine,
} from '@receptionist/domain';
import type { Logger } from 'pino';
import type { VoiceMetrics } from '../metrics.ts';

/** Final statuses the session can give a call (a subset of the call log's statuses). */
export type SessionCallStatus = 'completed' | 'transferred' | 'failed' | 'in_progress';

export type JournalTurn = Omit<AppendCallTurnInput, 'callId'>;
export type JournalToolCall = Omit<RecordToolCallInput, 'callId'>;

/**
 * Writes one call's log through the domain's call verbs, in order, without ever blocking or failing the
 * call: a database hiccup is logged and counted, and the conversation goes on. A crash loses at most the
 * turn in progress.
 */
export class CallLogWriter {
  readonly #ctx: CallContext;
  readonly #callId: string;
  readonly #logger: Logger;
  readonly #metrics: VoiceMetrics;
  #chain: Promise<void> = Promise.resolve();
  #ended = false;

  constructor(input: { ctx: CallContext; callId: string; logger: Logger; metrics: VoiceMetrics }) {
    this.#ctx = input.ctx;
    this.#callId = input.callId;
    this.#logger = input.logger;
    this.#metrics = input.metrics;
  }

  turn(turn: JournalTurn): void {
    this.#enqueue('append_turn', () =>
      appendCallTurn({ ctx: this.#ctx, input: { ...turn, callId: this.#callId } }),
    );
  }

  toolCall(toolCall: JournalToolCall): void {
    this.#enqueue('record_tool_call', () =>
      recordToolCall({ ctx: this.#ctx, input: { ...toolCall, callId: this.#callId } }),
    );
  }

  /** The caller is connected and the conversation starts on `engine`. */
  answered(engine: string): void {
    this.#enqueue('update_call', () =>
      markCallAnswered({ ctx: this.#ctx, input: { callId: this.#callId, engine } }),
    );
  }

  engineSwitched(engine: string): void {
    this.#enqueue('update_call', () =>
      switchCallEngine({ ctx: this.#ctx, input: { callId: this.#callId, engine } }),
    );
  }

  /** Records the end and the outcome once; later calls are ignored (the first reason is the true one). */
  end(
    status: Exclude<SessionCallStatus, 'in_progress'>,
    endReason: string,
    succeededTools: ReadonlySet<string>,
  ): void {
    if (this.#ended) return;
    this.#ended = true;
    const callId = this.#callId;
    // The outcome is decided from the tools that succeeded by now, not by the time the write runs.
    const succeeded = [...succeededTools];
    this.#enqueue('end_call', () => endCall({ ctx: this.#ctx, input: { callId, status, endReason } }));
    this.#enqueue('set_outcome', () =>
      setCallOutcome({ ctx: this.#ctx, input: { callId, succeededTools: succeeded, status } }),
    );
  }

  /** Resolves once everything queued so far is written (or has failed and been logged). */
  flush(): Promise<void> {
    return this.#chain;
  }

  #enqueue(operation: string, write: () => Promise<unknown>): void {
    this.#chain = this.#chain.then(() =>
      write().then(
        () => undefined,
        (error: unknown) => {
          this.#metrics.countError('call_log_write');
          this.#logger.error({ err: error, operation }, 'call log write failed');
        },
      ),
    );
  }
}
