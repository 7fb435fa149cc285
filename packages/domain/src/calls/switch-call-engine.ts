import type { CallRow } from '@receptionist/db';
import { z } from 'zod';
import { type CallContext, CallId, onCall, parseCallInput } from './context.ts';

export const SwitchCallEngineInput = z.object({
  callId: CallId,
  engine: z.string().trim().min(1).max(32),
});
export type SwitchCallEngineInput = z.input<typeof SwitchCallEngineInput>;

/** The call failed over to another engine mid-call; the log shows which engine finished it. */
export async function switchCallEngine({
  ctx,
  input,
}: {
  ctx: CallContext;
  input: SwitchCallEngineInput;
}): Promise<CallRow> {
  const parsed = parseCallInput(SwitchCallEngineInput, input);
  return onCall(parsed.callId, () => ctx.tenant.calls.update(parsed.callId, { engine: parsed.engine }));
}
