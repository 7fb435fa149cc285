import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { ConflictError, DbError, isForeignKeyViolation, NotFoundError } from '../errors.ts';
import { nowMs } from '../ids.ts';
import {
  type CallChannel,
  type CallOutcome,
  type CallRow,
  type CallStatus,
  type CallTurnRow,
  calls,
  callTurns,
  OPEN_CALL_STATUSES,
  type ToolCallRow,
  type ToolCallStatus,
  type TurnRole,
  toolCalls,
} from '../schema/index.ts';
import { type CallListFilters, listCalls, type RankedSearchInput, searchCallsRanked } from './call-list.ts';
import { callSnippets } from './call-snippets.ts';

export interface CreateCallInput {
  /** Chosen by the caller when the call is answered before its row exists (the voice webhook). */
  id?: string | undefined;
  channel: CallChannel;
  twilioCallSid?: string | undefined;
  fromNumber?: string | undefined;
  toNumber?: string | undefined;
  engine: string;
  status: CallStatus;
  /** Epoch ms; defaults to now. */
  startedAt?: number | undefined;
}

export interface AppendTurnInput {
  role: TurnRole;
  text: string;
  /** Epoch ms. */
  startedAtMs?: number | undefined;
  endedAtMs?: number | undefined;
  interrupted?: boolean | undefined;
  latencyMs?: number | undefined;
}

export interface RecordToolCallInput {
  toolCallId: string;
  name: string;
  arguments: unknown;
  result: unknown;
  status: ToolCallStatus;
  latencyMs?: number | undefined;
}

export interface EndCallInput {
  status: CallStatus;
  endReason: string;
  /** Epoch ms; defaults to now. */
  endedAt?: number | undefined;
  /** What the call achieved, stored with the end when the caller knows it already. */
  outcome?: CallOutcome | undefined;
}

export type { CallListFilters } from './call-list.ts';

export interface CallDetail extends CallRow {
  turns: CallTurnRow[];
  toolCalls: ToolCallRow[];
}

/** The call log of one business: created at call start, turns appended as they finalize. */
export function createCallsDal(ex: Executor, businessId: string) {
  const own = (callId: string) => and(eq(calls.id, callId), eq(calls.businessId, businessId));

  /** Runs an insert of a call's child row; the foreign key failing means the call is not this business's. */
  async function ownedCallWrite<T>(callId: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (isForeignKeyViolation(error)) throw new NotFoundError('call', callId);
      throw error;
    }
  }

  /**
   * Appends one turn to each of several calls in one statement (the voice server's call log lands the
   * lines of all its calls this way). At most one turn per call: each row's sequence is read by its own
   * subquery, which SQLite may evaluate before inserting any row. A call that is not this business's
   * fails the whole insert with NotFoundError, naming the first call.
   */
  async function appendTurns(
    turns: ReadonlyArray<AppendTurnInput & { callId: string }>,
  ): Promise<CallTurnRow[]> {
    if (turns.length === 0) return [];
    if (new Set(turns.map((turn) => turn.callId)).size !== turns.length) {
      throw new DbError('invalid_input', 'appendTurns takes at most one turn per call');
    }
    return ownedCallWrite(turns[0]!.callId, () =>
      ex
        .insert(callTurns)
        .values(
          turns.map((turn) => ({
            businessId,
            callId: turn.callId,
            sequence: sql`(select coalesce(max(${callTurns.sequence}), 0) + 1 from ${callTurns} where ${callTurns.callId} = ${turn.callId})`,
            role: turn.role,
            text: turn.text,
            startedAtMs: turn.startedAtMs ?? null,
            endedAtMs: turn.endedAtMs ?? null,
            interrupted: turn.interrupted ?? false,
            latencyMs: turn.latencyMs ?? null,
          })),
        )
        .returning(),
    );
  }

  /**
   * Ends an open call in one statement; a call that had ended already is returned as it is, with
   * `endedNow` false (the first end wins). Throws NotFoundError when the call is not this business's.
   */
  async function endIfOpen(
    callId: string,
    input: EndCallInput,
  ): Promise<{ call: CallRow; endedNow: boolean }> {
    const endedAt = input.endedAt ?? nowMs();
    const [row] = await ex
      .update(calls)
      .set({
        status: input.status,
        endReason: input.endReason,
        endedAt,
        durationMs: sql`max(0, ${endedAt} - ${calls.startedAt})`,
        ...(input.outcome !== undefined && { outcome: input.outcome }),
      })
      .where(and(own(callId), isNull(calls.endedAt)))
      .returning();
    if (row !== undefined) return { call: row, endedNow: true };
    return { call: await requireCall(callId), endedNow: false };
  }

  async function requireCall(callId: string): Promise<CallRow> {
    const [row] = await ex.select().from(calls).where(own(callId)).limit(1);
    if (row === undefined) throw new NotFoundError('call', callId);
    return row;
  }

  return {
    /**
     * Creates the call row. Idempotent on the Twilio call SID: a retried webhook gets the row it already
     * made. A SID that belongs to another business is a conflict, never a shared row.
     */
    async create(input: CreateCallInput): Promise<CallRow> {
      const values = {
        ...(input.id !== undefined && { id: input.id }),
        businessId,
        channel: input.channel,
        twilioCallSid: input.twilioCallSid ?? null,
        fromNumber: input.fromNumber ?? null,
        toNumber: input.toNumber ?? null,
        engine: input.engine,
        status: input.status,
        startedAt: input.startedAt ?? nowMs(),
      };
      if (input.twilioCallSid === undefined) {
        const [row] = await ex.insert(calls).values(values).returning();
        return row!;
      }
      const [inserted] = await ex.insert(calls).values(values).onConflictDoNothing().returning();
      if (inserted !== undefined) return inserted;
      const [existing] = await ex
        .select()
        .from(calls)
        .where(eq(calls.twilioCallSid, input.twilioCallSid))
        .limit(1);
      if (existing === undefined || existing.businessId !== businessId) {
        throw new ConflictError('that Twilio call SID belongs to another business');
      }
      return existing;
    },

    /** Changes a live call's status or engine (ringing → in_progress, failover to `local`). */
    async update(
      callId: string,
      patch: { status?: CallStatus; engine?: string; lastSeenAt?: number; voiceServerUrl?: string },
    ): Promise<CallRow> {
      const [row] = await ex.update(calls).set(patch).where(own(callId)).returning();
      if (row === undefined) throw new NotFoundError('call', callId);
      return row;
    },

    /** Appends one transcript line; the sequence number is assigned atomically in the insert. */
    /**
     * Appends a turn. The composite foreign key (business, call) is the ownership check: a call that does
     * not exist, or is another business's, fails the insert, with no read before it (this runs for every
     * line of every call, on the voice server's call-log path).
     */
    async appendTurn(callId: string, turn: AppendTurnInput): Promise<CallTurnRow> {
      const [row] = await appendTurns([{ callId, ...turn }]);
      return row!;
    },

    appendTurns,

    /**
     * Records a tool invocation. Upserts on (call, tool call id): the tool itself records its result
     * and the call session records the engine's view (end-to-end latency, timeout) of the same call.
     */
    async recordToolCall(callId: string, input: RecordToolCallInput): Promise<ToolCallRow> {
      const [row] = await ownedCallWrite(callId, () =>
        ex
          .insert(toolCalls)
          .values({
            businessId,
            callId,
            toolCallId: input.toolCallId,
            name: input.name,
            arguments: input.arguments ?? null,
            result: input.result ?? null,
            status: input.status,
            latencyMs: input.latencyMs ?? null,
          })
          .onConflictDoUpdate({
            target: [toolCalls.callId, toolCalls.toolCallId],
            set: {
              result: input.result ?? null,
              status: input.status,
              latencyMs: input.latencyMs ?? null,
              updatedAt: nowMs(),
            },
            // Another business's row under the same ids is never touched: no row comes back instead.
            setWhere: eq(toolCalls.businessId, businessId),
          })
          .returning(),
      );
      if (row === undefined) throw new NotFoundError('call', callId);
      return row;
    },

    async findToolCall(callId: string, toolCallId: string): Promise<ToolCallRow | undefined> {
      const [row] = await ex
        .select()
        .from(toolCalls)
        .where(
          and(
            eq(toolCalls.businessId, businessId),
            eq(toolCalls.callId, callId),
            eq(toolCalls.toolCallId, toolCallId),
          ),
        )
        .limit(1);
      return row;
    },

    /**
     * Ends a call. Idempotent and order-independent: the first end wins (WebSocket stop, Twilio status
     * callback and the start-up sweep may all report the same end).
     */
    async end(callId: string, input: EndCallInput): Promise<CallRow> {
      return (await endIfOpen(callId, input)).call;
    },

    endIfOpen,

    /** Stores the cold-path summary and outcome. */
    async setSummary(callId: string, input: { summary?: string; outcome?: CallOutcome }): Promise<CallRow> {
      const [row] = await ex.update(calls).set(input).where(own(callId)).returning();
      if (row === undefined) throw new NotFoundError('call', callId);
      return row;
    },

    /**
     * Stores the cold-path analysis once: only a call with no analysis yet is written, so a rerun of the
     * job returns undefined and its caller records nothing a second time.
     */
    async setAnalysis(
      callId: string,
      input: { summary: string; outcome?: CallOutcome; analysis: unknown },
    ): Promise<CallRow | undefined> {
      await requireCall(callId);
      const [row] = await ex
        .update(calls)
        .set(input)
        .where(and(own(callId), isNull(calls.analysis)))
        .returning();
      return row;
    },

    /** A call with its transcript (in order) and tool calls, or undefined when not this business's. */
    async get(callId: string): Promise<CallDetail | undefined> {
      const [row] = await ex.select().from(calls).where(own(callId)).limit(1);
      if (row === undefined) return undefined;
      const turns = await ex
        .select()
        .from(callTurns)
        .where(and(eq(callTurns.businessId, businessId), eq(callTurns.callId, callId)))
        .orderBy(asc(callTurns.sequence));
      const tools = await ex
        .select()
        .from(toolCalls)
        .where(and(eq(toolCalls.businessId, businessId), eq(toolCalls.callId, callId)))
        .orderBy(asc(toolCalls.createdAt));
      return { ...row, turns, toolCalls: tools };
    },

    /** Newest first (started_at, then id), filtered and searched in SQL (call-list.ts). */
    list: (filters: CallListFilters = {}) => listCalls(ex, businessId, filters),

    /** Search results most relevant first (call-list.ts). */
    searchRanked: (input: RankedSearchInput) => searchCallsRanked(ex, businessId, input),

    /** The best-matching line of each call, words marked (call-list.ts). */
    snippets: (callIds: readonly string[], search: string) => callSnippets(ex, businessId, callIds, search),

    /** Calls of this business still ringing or in progress. */
    async listOpen(): Promise<CallRow[]> {
      return ex
        .select()
        .from(calls)
        .where(and(eq(calls.businessId, businessId), inArray(calls.status, [...OPEN_CALL_STATUSES])));
    },
  };
}

export type CallsDal = ReturnType<typeof createCallsDal>;
