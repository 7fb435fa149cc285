import type { MessageRow, VoicemailRow } from '@receptionist/db';
import { z } from 'zod';
import { DomainError } from '../errors.ts';
import type { EnqueueJobContext } from '../jobs/enqueue.ts';
import { enqueueJob } from '../jobs/enqueue.ts';
import { JOB_KINDS } from '../jobs/kinds.ts';

/** Twilio's recording SID (the only id we ever build a media URL from). */
export const RecordingSid = z.string().regex(/^RE[0-9a-fA-F]{32}$/, 'must be a Twilio recording SID');

export const ReceiveVoicemailInput = z.object({
  /** The call the voicemail was left on, when known. */
  callId: z.string().trim().min(1).max(64).optional(),
  recordingSid: RecordingSid,
  durationSeconds: z.number().int().min(0).max(86_400),
});
export type ReceiveVoicemailInput = z.input<typeof ReceiveVoicemailInput>;

export interface ReceivedVoicemail {
  voicemail: VoicemailRow;
  message: MessageRow;
  /** False when this recording was already received (a replayed callback): nothing was written. */
  createdNow: boolean;
}

/**
 * Twilio reports a finished voicemail: it becomes a message in the owner's inbox (with the caller's number
 * from the call) and a voicemail row, and a `voicemail.received` job fetches, stores and transcribes the
 * audio off the webhook's path. Idempotent by recording SID, since Twilio retries callbacks.
 */
export async function receiveVoicemail({
  ctx,
  input,
}: {
  ctx: EnqueueJobContext;
  input: ReceiveVoicemailInput;
}): Promise<ReceivedVoicemail> {
  const parsed = ReceiveVoicemailInput.safeParse(input);
  if (!parsed.success) {
    throw new DomainError('invalid_input', 'Invalid voicemail input.', { cause: parsed.error });
  }
  const { callId, recordingSid, durationSeconds } = parsed.data;
  return ctx.tenant.transaction(async (tenant) => {
    const existing = await tenant.voicemails.getByRecordingSid(recordingSid);
    if (existing !== undefined) {
      const message = await tenant.messages.get(existing.messageId);
      if (message === undefined) throw new DomainError('message_not_found', 'The voicemail message is gone.');
      return { voicemail: existing, message, createdNow: false };
    }
    const call = callId === undefined ? undefined : await tenant.calls.get(callId);
    if (callId !== undefined && call === undefined) {
      throw new DomainError('call_not_found', `Call ${callId} was not found.`);
    }
    const message = await tenant.messages.create({
      callerNumber: call?.fromNumber ?? undefined,
      reason: `Voicemail (${durationSeconds} s), not transcribed yet.`,
      callId,
    });
    const voicemail = await tenant.voicemails.create({
      messageId: message.id,
      callId,
      recordingSid,
      durationSeconds,
    });
    await enqueueJob({
      ctx: { tenant, nowMs: ctx.nowMs },
      input: { kind: JOB_KINDS.voicemailReceived, payload: { voicemailId: voicemail.id } },
    });
    return { voicemail, message, createdNow: true };
  });
}
