import type { CallRow } from '@receptionist/db';
import { z } from 'zod';
import { type CallContext, CallId, onCall, parseCallInput } from './context.ts';

export const MarkCallAnsweredInput = z.object({
  callId: CallId,
  /** The engine the conversation starts on. */
  engine: z.string().trim().min(1).max(32),
});
export type MarkCallAnsweredInput = z.input<typeof MarkCallAnsweredInput>;

/** The caller's media reached us and an engine was picked: the call is in progress. */
export async function markCallAnswered({
  ctx,
  input,
}: {
  ctx: CallContext;
  input: MarkCallAnsweredInput;
}): Promise<CallRow> {
  const parsed = parseCallInput(MarkCallAnsweredInput, input);
  return onCall(parsed.callId, () =>
    ctx.tenant.calls.update(parsed.callId, { status: 'in_progress', engine: parsed.engine }),
  );
}
