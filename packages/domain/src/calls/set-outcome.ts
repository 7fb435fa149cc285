import type { CallOutcome } from '@receptionist/db';
import { z } from 'zod';
import { type CallContext, CallId, onCall, parseCallInput } from './context.ts';
import { deriveCallOutcome } from './outcome.ts';

export const SetCallOutcomeInput = z.object({
  callId: CallId,
  /** Names of the tools that returned ok on this call. */
  succeededTools: z.array(z.string().trim().min(1).max(100)).max(1000),
  status: z.enum(['completed', 'transferred', 'failed']),
});
export type SetCallOutcomeInput = z.input<typeof SetCallOutcomeInput>;

/** Decides what the call achieved (the dashboard's at-a-glance column) and stores it. */
export async function setCallOutcome({
  ctx,
  input,
}: {
  ctx: CallContext;
  input: SetCallOutcomeInput;
}): Promise<CallOutcome> {
  const parsed = parseCallInput(SetCallOutcomeInput, input);
  const outcome = deriveCallOutcome({
    succeededTools: new Set(parsed.succeededTools),
    status: parsed.status,
  });
  await onCall(parsed.callId, () => ctx.tenant.calls.setSummary(parsed.callId, { outcome }));
  return outcome;
}
