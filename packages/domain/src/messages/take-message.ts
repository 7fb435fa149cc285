import type { MessageRow, MessageUrgency } from '@receptionist/db';
import { z } from 'zod';
import type { DomainContext } from '../availability/index.ts';
import { requireE164 } from '../customers/phone.ts';
import { DomainError } from '../errors.ts';
import { recordBusinessEvent } from '../events/record.ts';

export const TakeMessageInput = z.object({
  callerName: z.string().trim().min(1).max(100).optional(),
  /** Spoken callback number; defaults to caller ID. */
  callbackNumber: z.string().trim().min(1).max(40).optional(),
  reason: z.string().trim().min(1).max(2000),
  urgency: z.enum(['low', 'normal', 'high']).default('normal'),
});
export type TakeMessageInput = z.input<typeof TakeMessageInput>;

/** Takes a message for the business, linked to the call it came from. */
export async function takeMessage({
  ctx,
  input,
}: {
  ctx: DomainContext;
  input: TakeMessageInput;
}): Promise<MessageRow> {
  const parsed = TakeMessageInput.parse(input);
  const number = parsed.callbackNumber !== undefined ? requireE164(parsed.callbackNumber) : ctx.callerNumber;
  if (number === undefined && parsed.callerName === undefined) {
    throw new DomainError('phone_required', 'Could I have your name and a number to call you back on?');
  }
  return ctx.tenant.transaction(async (tenant) => {
    const message = await tenant.messages.create({
      callerName: parsed.callerName,
      callerNumber: number,
      reason: parsed.reason,
      urgency: parsed.urgency as MessageUrgency,
      callId: ctx.callId,
    });
    await recordBusinessEvent({
      ctx: { tenant, nowMs: ctx.nowMs },
      input: {
        type: 'message.taken',
        data: {
          messageId: message.id,
          callerName: message.callerName,
          callerNumber: message.callerNumber,
          reason: message.reason,
          urgency: message.urgency,
          callId: message.callId,
        },
      },
    });
    return message;
  });
}
