import {
  closeCallsNeverStreamed,
  type Database,
  forBusiness,
  purgeExpiredStreamTokens,
} from '@receptionist/db';
import { recordBusinessEvent } from '../events/record.ts';
import { enqueueJob } from '../jobs/enqueue.ts';
import { JOB_KINDS } from '../jobs/kinds.ts';
import { callEndedEventData } from './end-call.ts';

/**
 * A stream token lives at most 60 s (telephony MAX_TOKEN_TTL_MS) plus 5 s of clock skew; after two minutes a
 * call that is still ringing can never get its stream.
 */
export const NEVER_CONNECTED_AFTER_MS = 120_000;

export interface CallSweepResult {
  closedCallIds: string[];
  purgedTokens: number;
}

/**
 * Periodic housekeeping of the call path: calls whose stream never connected are closed (each with its
 * `call.ended` job and event, like any other end), and use records of expired stream tokens are deleted
 * (an expired token fails its signature check before its use is looked up, so forgetting it is safe).
 */
export async function sweepStaleCalls({
  ctx,
  input = {},
}: {
  ctx: { db: Database; nowMs: number };
  input?: { neverConnectedAfterMs?: number };
}): Promise<CallSweepResult> {
  const afterMs = input.neverConnectedAfterMs ?? NEVER_CONNECTED_AFTER_MS;
  return ctx.db.transaction(async (tx) => {
    const closed = await closeCallsNeverStreamed(tx, {
      startedBefore: ctx.nowMs - afterMs,
      endedAt: ctx.nowMs,
    });
    for (const call of closed) {
      const jobs = { tenant: forBusiness(tx, call.businessId), nowMs: ctx.nowMs };
      await enqueueJob({ ctx: jobs, input: { kind: JOB_KINDS.callEnded, payload: { callId: call.id } } });
      await recordBusinessEvent({ ctx: jobs, input: { type: 'call.ended', data: callEndedEventData(call) } });
    }
    const purgedTokens = await purgeExpiredStreamTokens(tx, ctx.nowMs);
    return { closedCallIds: closed.map((call) => call.id), purgedTokens };
  });
}
