import { type CallTurnRow, TURN_ROLES } from '@receptionist/db';
import { z } from 'zod';
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
