import type { CallStatus } from '@receptionist/db';
import { z } from 'zod';
import { DomainError } from '../errors.ts';
import { type CallContext, CallId, parseCallInput } from './context.ts';

export const RecordTransferOutcomeInput = z.object({
  callId: CallId,
  /** Twilio's `DialCallStatus` for the transfer leg: completed, answered, busy, no-answer, failed, canceled. */
  dialStatus: z.string().trim().min(1).max(32),
});
export type RecordTransferOutcomeInput = z.input<typeof RecordTransferOutcomeInput>;

const ANSWERED = new Set(['completed', 'answered']);
const UNANSWERED_STATUS: Record<string, CallStatus> = {
  busy: 'busy',
  'no-answer': 'no_answer',
  canceled: 'canceled',
  failed: 'failed',
};

/**
 * What became of a transfer. The call was logged `transferred` when the caller was handed over; a
 * transfer nobody answered is logged as what it was (busy, no answer, failed), never as transferred.
 */
export async function recordTransferOutcome({
  ctx,
  input,
}: {
  ctx: CallContext;
  input: RecordTransferOutcomeInput;
}): Promise<{ answered: boolean }> {
  const parsed = parseCallInput(RecordTransferOutcomeInput, input);
  const answered = ANSWERED.has(parsed.dialStatus);
  await ctx.tenant.transaction(async (tenant) => {
    const call = await tenant.calls.get(parsed.callId);
    if (call === undefined) throw new DomainError('call_not_found', `Call ${parsed.callId} was not found.`);
    // Only a call still logged as handed over changes: Twilio retries callbacks, and an end written by
    // something else (the caller hung up while it rang) stays as it is.
    if (!answered && call.status === 'transferred') {
      await tenant.calls.update(call.id, { status: UNANSWERED_STATUS[parsed.dialStatus] ?? 'failed' });
    }
  });
  return { answered };
}
