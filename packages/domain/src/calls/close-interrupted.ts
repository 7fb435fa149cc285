import {
  type CallRow,
  closeInterruptedCalls as closeOpenCallRows,
  type Database,
  forBusiness,
  touchLiveCalls as touchLiveCallRows,
} from '@receptionist/db';
import { recordBusinessEvent } from '../events/record.ts';
import { enqueueJob } from '../jobs/enqueue.ts';
import { JOB_KINDS } from '../jobs/kinds.ts';
import { callEndedEventData } from './end-call.ts';

/**
 * Calls a crash left open are ended as `interrupted`, and each gets its `call.ended` job in the same
 * transaction, so the cold path (summary, usage) still runs for them exactly once. With `unseenForMs`,
 * only calls in progress that no voice server has reported live for that long (see `touchLiveCalls`):
 * what servers sharing one database run, at start-up and periodically.
 */
export async function closeInterruptedCalls({
  ctx,
  input = {},
}: {
  ctx: { db: Database; nowMs: number };
  input?: { endReason?: string; unseenForMs?: number };
}): Promise<CallRow[]> {
  const unseenSince = input.unseenForMs === undefined ? undefined : ctx.nowMs - input.unseenForMs;
  return ctx.db.transaction(async (tx) => {
    const closed = await closeOpenCallRows(tx, {
      endReason: input.endReason,
      endedAt: ctx.nowMs,
      unseenSince,
    });
    for (const call of closed) {
      const jobs = { tenant: forBusiness(tx, call.businessId), nowMs: ctx.nowMs };
      await enqueueJob({ ctx: jobs, input: { kind: JOB_KINDS.callEnded, payload: { callId: call.id } } });
      await recordBusinessEvent({ ctx: jobs, input: { type: 'call.ended', data: callEndedEventData(call) } });
    }
    return closed;
  });
}

/** A voice server's heartbeat for the calls live on it (so other servers' sweeps leave them alone). */
export async function touchLiveCalls({
  ctx,
  input,
}: {
  ctx: { db: Database; nowMs: number };
  input: { callIds: readonly string[]; voiceServerUrl?: string | undefined };
}): Promise<number> {
  return touchLiveCallRows(ctx.db, input.callIds, ctx.nowMs, input.voiceServerUrl);
}
