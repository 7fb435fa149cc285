import { forBusiness } from '@receptionist/db';
import type { JobQueueContext } from './queue.ts';

/** What the cold path knows about a finished call, for the `call.ended` job. */
export interface EndedCallFacts {
  callId: string;
  status: string;
  outcome: string | null;
  durationMs: number | null;
  turns: number;
  toolCalls: number;
  hasSummary: boolean;
}

/**
 * Reads the call a `call.ended` job is about, scoped to the job's business. Undefined when the call is
 * gone (deleted with its business), which no retry can fix.
 */
export async function readEndedCall({
  ctx,
  input,
}: {
  ctx: Pick<JobQueueContext, 'db'>;
  input: { businessId: string; callId: string };
}): Promise<EndedCallFacts | undefined> {
  const call = await forBusiness(ctx.db, input.businessId).calls.get(input.callId);
  if (call === undefined) return undefined;
  return {
    callId: call.id,
    status: call.status,
    outcome: call.outcome,
    durationMs: call.durationMs,
    turns: call.turns.length,
    toolCalls: call.toolCalls.length,
    hasSummary: call.summary !== null,
  };
}
