import type { CallOutcome } from '@receptionist/db';
import type { Logger } from 'pino';
import type { VoiceMetrics } from '../metrics.ts';
import { deriveCallOutcome } from './call-outcome.ts';

/** Final statuses the session can give a call (a subset of the database's call statuses). */
export type SessionCallStatus = 'completed' | 'transferred' | 'failed' | 'in_progress';

/** The slice of the tenant call log (`forBusiness(db, id).calls`) the session writes to. */
export interface CallLogStore {
  appendTurn(
    callId: string,
    turn: {
      role: 'caller' | 'agent' | 'system';
      text: string;
      startedAtMs?: number | undefined;
      endedAtMs?: number | undefined;
      interrupted?: boolean | undefined;
      latencyMs?: number | undefined;
    },
  ): Promise<unknown>;
  recordToolCall(
    callId: string,
    input: {
      toolCallId: string;
      name: string;
      arguments: unknown;
      result: unknown;
      status: 'ok' | 'failed' | 'error' | 'timeout';
      latencyMs?: number | undefined;
    },
  ): Promise<unknown>;
  update(callId: string, patch: { status?: 'in_progress'; engine?: string }): Promise<unknown>;
  setSummary(callId: string, input: { outcome?: CallOutcome }): Promise<unknown>;
  end(
    callId: string,
    input: { status: Exclude<SessionCallStatus, 'in_progress'>; endReason: string },
  ): Promise<unknown>;
}

/**
 * Writes the call log as things happen, in order, without ever blocking or failing the call: a database
 * hiccup is logged and counted, and the conversation goes on. A crash loses at most the turn in progress.
 */
export class CallRecorder {
  readonly #store: CallLogStore;
  readonly #callId: string;
  readonly #logger: Logger;
  readonly #metrics: VoiceMetrics;
  #chain: Promise<void> = Promise.resolve();
  #ended = false;
  readonly #succeededTools = new Set<string>();

  constructor(store: CallLogStore, callId: string, logger: Logger, metrics: VoiceMetrics) {
    this.#store = store;
    this.#callId = callId;
    this.#logger = logger;
    this.#metrics = metrics;
  }

  turn(turn: Parameters<CallLogStore['appendTurn']>[1]): void {
    this.#enqueue('append_turn', () => this.#store.appendTurn(this.#callId, turn));
  }

  /**
   * `recorded`: the tool already wrote this result to tool_calls in its own write transaction (the
   * engine's tool_result says so); it still counts towards the outcome but is not written twice.
   */
  toolCall(input: Parameters<CallLogStore['recordToolCall']>[1] & { recorded?: boolean | undefined }): void {
    const { recorded, ...row } = input;
    if (row.status === 'ok') this.#succeededTools.add(row.name);
    if (recorded === true) return;
    this.#enqueue('record_tool_call', () => this.#store.recordToolCall(this.#callId, row));
  }

  update(patch: Parameters<CallLogStore['update']>[1]): void {
    this.#enqueue('update_call', () => this.#store.update(this.#callId, patch));
  }

  /** Records the end once; later calls are ignored (the first reason is the true one). */
  end(status: Exclude<SessionCallStatus, 'in_progress'>, endReason: string): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#enqueue('end_call', () => this.#store.end(this.#callId, { status, endReason }));
    const outcome = deriveCallOutcome({ succeededTools: this.#succeededTools, status });
    this.#enqueue('set_outcome', () => this.#store.setSummary(this.#callId, { outcome }));
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
