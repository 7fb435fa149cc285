import type { CallRow } from '@receptionist/db';
import { z } from 'zod';
import { type CallContext, CallId, onCall, parseCallInput } from './context.ts';

export const MarkCallAnsweredInput = z.object({
  callId: CallId,
  /** The engine the conversation starts on. */
  engine: z.string().trim().min(1).max(32),
  /**
   * The voice server carrying the call, and when it saw the call (epoch ms): recorded with the answer, so
   * the dashboard's live view can reach the call from its first line (the heartbeat keeps it fresh).
   */
  carrier: z
    .object({ voiceServerUrl: z.string().min(1), seenAtMs: z.number().int().nonnegative() })
    .optional(),
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
    ctx.tenant.calls.update(parsed.callId, {
      status: 'in_progress',
      engine: parsed.engine,
      ...(parsed.carrier && {
        voiceServerUrl: parsed.carrier.voiceServerUrl,
        lastSeenAt: parsed.carrier.seenAtMs,
      }),
    }),
  );
}
