import { CALL_OUTCOMES, CALL_STATUSES, type CallRow, OPEN_CALL_STATUSES } from '@receptionist/db';
import { z } from 'zod';
import { businessEventJobs } from '../events/record.ts';
import { enqueueJobs } from '../jobs/enqueue.ts';
import { JOB_KINDS } from '../jobs/kinds.ts';
import { type CallContext, CallId, onCall, parseCallInput } from './context.ts';

const OPEN: ReadonlySet<string> = new Set(OPEN_CALL_STATUSES);
const FINAL_CALL_STATUSES = CALL_STATUSES.filter((status) => !OPEN.has(status)) as [
  Exclude<(typeof CALL_STATUSES)[number], (typeof OPEN_CALL_STATUSES)[number]>,
  ...Exclude<(typeof CALL_STATUSES)[number], (typeof OPEN_CALL_STATUSES)[number]>[],
];

export const EndCallInput = z.object({
  callId: CallId,
  status: z.enum(FINAL_CALL_STATUSES),
  /** Machine-readable why (`caller_hangup`, `twilio_busy`, `after_hours_dial`…). */
  endReason: z.string().trim().min(1).max(200),
  /** What the call achieved, when the caller knows it: stored with the end, or on a call ended already. */
  outcome: z.enum(CALL_OUTCOMES).optional(),
});
export type EndCallInput = z.input<typeof EndCallInput>;

export interface EndedCall {
  call: CallRow;
  /** False when the call had already ended: nothing was changed and no job was enqueued. */
  endedNow: boolean;
}

/**
 * Ends a call and enqueues its `call.ended` job in the same transaction, so the cold path runs exactly
 * once per call. Idempotent and order-independent: the session, Twilio's status callback and the start-up
 * sweep may all report the same end; the first one wins and later ones change nothing.
 */
export async function endCall({ ctx, input }: { ctx: CallContext; input: EndCallInput }): Promise<EndedCall> {
  const parsed = parseCallInput(EndCallInput, input);
  return ctx.tenant.transaction(async (tenant) => {
    // One statement ends an open call; the call's turns are not read (this runs at the end of every call).
    const ended = await onCall(parsed.callId, () =>
      tenant.calls.endIfOpen(parsed.callId, {
        status: parsed.status,
        endReason: parsed.endReason,
        outcome: parsed.outcome,
      }),
    );
    if (!ended.endedNow) {
      // Ended already (a status callback came first): the end stays, the outcome is still this caller's.
      if (parsed.outcome === undefined) return ended;
      const call = await tenant.calls.setSummary(parsed.callId, { outcome: parsed.outcome });
      return { call, endedNow: false };
    }
    const { call } = ended;
    // Due the moment the call ended (the database stamps the end, so the job's clock is the call's).
    const jobs = { tenant, nowMs: call.endedAt ?? call.startedAt };
    // The cold path's job and the event's consumers' jobs in one insert: this runs at the end of every call.
    const event = businessEventJobs(jobs, { type: 'call.ended', data: callEndedEventData(call) });
    await enqueueJobs({
      ctx: jobs,
      input: [{ kind: JOB_KINDS.callEnded, payload: { callId: parsed.callId } }, ...event.jobs],
    });
    return { call, endedNow: true };
  });
}

/** The call's facts as its `call.ended` event carries them (no transcript: that comes with analysis). */
export function callEndedEventData(call: CallRow): Record<string, unknown> {
  return {
    callId: call.id,
    channel: call.channel,
    status: call.status,
    endReason: call.endReason,
    fromNumber: call.fromNumber,
    startedAt: call.startedAt,
    endedAt: call.endedAt,
    durationMs: call.durationMs,
  };
}
