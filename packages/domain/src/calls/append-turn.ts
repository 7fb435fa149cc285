import { type CallTurnRow, TURN_ROLES } from '@receptionist/db';
import { z } from 'zod';
import { DomainError } from '../errors.ts';
import { type CallContext, CallId, onCall, parseCallInput } from './context.ts';

const EpochMs = z.number();

export const AppendCallTurnInput = z.object({
  callId: CallId,
  role: z.enum(TURN_ROLES),
  text: z.string(),
  startedAtMs: EpochMs.optional(),
  endedAtMs: EpochMs.optional(),
  /** The caller cut this agent reply short (barge-in). */
  interrupted: z.boolean().optional(),
  latencyMs: z.number().optional(),
});
export type AppendCallTurnInput = z.input<typeof AppendCallTurnInput>;

/** Appends one finalized transcript line to the call log, after the lines already there. */
export async function appendCallTurn({
  ctx,
  input,
}: {
  ctx: CallContext;
  input: AppendCallTurnInput;
}): Promise<CallTurnRow> {
  const { callId, ...turn } = parseCallInput(AppendCallTurnInput, input);
  return onCall(callId, () => ctx.tenant.calls.appendTurn(callId, turn));
}

/**
 * Appends one line to each of several calls of this business in one write (at most one line per call):
 * the voice server's call log lands its calls' lines this way. A call that is not this business's fails
 * them all with `call_not_found`.
 */
export async function appendCallTurns({
  ctx,
  input,
}: {
  ctx: CallContext;
  input: ReadonlyArray<AppendCallTurnInput>;
}): Promise<CallTurnRow[]> {
  const turns = input.map((turn) => parseCallInput(AppendCallTurnInput, turn));
  const first = turns[0];
  if (first === undefined) return [];
  if (new Set(turns.map((turn) => turn.callId)).size !== turns.length) {
    throw new DomainError('invalid_input', 'Append at most one line per call at once.');
  }
  return onCall(first.callId, () => ctx.tenant.calls.appendTurns(turns));
}
