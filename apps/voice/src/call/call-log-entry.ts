import {
  AppendCallTurnInput,
  appendCallTurn,
  callContext,
  DomainError,
  deriveCallOutcome,
  endCall,
  markCallAnswered,
  RecordToolCallInput,
  recordToolCall,
  StartCallInput,
  startCall,
  switchCallEngine,
} from '@receptionist/domain';
import { z } from 'zod';
import { callHasTurn } from '../db-reads/index.ts';

/**
 * One write to a call's log, as the outbox keeps it (in memory and, one JSON line each, in its file).
 * Parsed with zod when read back after a crash: a line that does not parse is skipped and logged.
 */
const Turn = AppendCallTurnInput.omit({ callId: true });
const ToolCall = RecordToolCallInput.omit({ callId: true });

export const CallLogEntry = z.discriminatedUnion('op', [
  z.object({
    op: z.literal('start'),
    businessId: z.string(),
    callId: z.string(),
    start: StartCallInput.omit({ id: true }),
  }),
  z.object({
    op: z.literal('turn'),
    businessId: z.string(),
    callId: z.string(),
    turn: Turn,
    /** Read back after a crash: it may have landed just before, so it is written only if absent. */
    replayed: z.boolean().optional(),
  }),
  z.object({ op: z.literal('tool_call'), businessId: z.string(), callId: z.string(), toolCall: ToolCall }),
  z.object({
    op: z.literal('answered'),
    businessId: z.string(),
    callId: z.string(),
    engine: z.string(),
    /** Which server carries the call (absent in outbox files written before it was recorded here). */
    carrier: z.object({ voiceServerUrl: z.string(), seenAtMs: z.number() }).optional(),
  }),
  z.object({
    op: z.literal('engine_switched'),
    businessId: z.string(),
    callId: z.string(),
    engine: z.string(),
  }),
  z.object({
    op: z.literal('end'),
    businessId: z.string(),
    callId: z.string(),
    status: z.enum(['completed', 'transferred', 'failed', 'busy']),
    endReason: z.string(),
    /** The tools that had succeeded when the call ended: the outcome is decided from them. */
    succeededTools: z.array(z.string()),
  }),
]);
export type CallLogEntry = z.infer<typeof CallLogEntry>;

/**
 * An open transaction (or savepoint) that the outbox rolls back whole when a write in it fails: a batch of
 * entries, or one entry. The verbs' own transactions then run inline in it (`enclosedInTransaction`).
 */
export type CallLogTransaction = Parameters<typeof callContext>[0];

/** The call-log context of one business, inside the outbox's transaction. */
export function callLogContext(tx: CallLogTransaction, businessId: string) {
  return callContext(tx, businessId, { enclosedInTransaction: true });
}

/** Writes one entry through the domain's call verbs. */
export async function applyCallLogEntry(tx: CallLogTransaction, entry: CallLogEntry): Promise<void> {
  const ctx = callLogContext(tx, entry.businessId);
  const { callId } = entry;
  switch (entry.op) {
    case 'start':
      await startCall({ ctx, input: { ...entry.start, id: callId } });
      return;
    case 'turn':
      if (entry.replayed === true && (await callHasTurn(tx, entry.businessId, callId, entry.turn))) return;
      await appendCallTurn({ ctx, input: { ...entry.turn, callId } });
      return;
    case 'tool_call':
      await recordToolCall({ ctx, input: { ...entry.toolCall, callId } });
      return;
    case 'answered':
      await markCallAnswered({ ctx, input: { callId, engine: entry.engine, carrier: entry.carrier } });
      return;
    case 'engine_switched':
      await switchCallEngine({ ctx, input: { callId, engine: entry.engine } });
      return;
    case 'end': {
      const { status, endReason, succeededTools } = entry;
      // A caller turned away for want of a free line got nothing done: the outcome rules read it as failed.
      const outcome = deriveCallOutcome({
        succeededTools: new Set(succeededTools),
        status: status === 'busy' ? 'failed' : status,
      });
      await endCall({ ctx, input: { callId, status, endReason, outcome } });
      return;
    }
  }
}

/**
 * A failure that retrying cannot fix: the domain refused the input or the call does not exist. Anything
 * else (the database busy or unreachable) may pass, so the outbox retries it.
 */
export function isPermanentFailure(error: unknown): boolean {
  return error instanceof DomainError;
}
