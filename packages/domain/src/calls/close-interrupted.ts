import {
  type CallRow,
  closeInterruptedCalls as closeOpenCallRows,
  type Database,
  forBusiness,
} from '@receptionist/db';
import { recordBusinessEvent } from '../events/record.ts';
import { enqueueJob } from '../jobs/enqueue.ts';
import { JOB_KINDS } from '../jobs/kinds.ts';
import { callEndedEventData } from './end-call.ts';

/**
 * At start-up: calls a crash left open are ended as `interrupted`, and each gets its `call.ended` job in
 * the same transaction, so the cold path (summary, usage) still runs for them exactly once.
 */
export async function closeInterruptedCalls({
  ctx,
  input = {},
}: {
  ctx: { db: Database; nowMs: number };
  input?: { endReason?: string };
}): Promise<CallRow[]> {
  return ctx.db.transaction(async (tx) => {
    const closed = await closeOpenCallRows(tx, { endReason: input.endReason, endedAt: ctx.nowMs });
    for (const call of closed) {
      const jobs = { tenant: forBusiness(tx, call.businessId), nowMs: ctx.nowMs };
      await enqueueJob({ ctx: jobs, input: { kind: JOB_KINDS.callEnded, payload: { callId: call.id } } });
      await recordBusinessEvent({ ctx: jobs, input: { type: 'call.ended', data: callEndedEventData(call) } });
    }
    return closed;
  });
}
