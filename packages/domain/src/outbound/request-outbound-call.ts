import { OUTBOUND_PURPOSES } from '@receptionist/db';
import { z } from 'zod';
import type { DomainContext } from '../availability/index.ts';
import { requireE164 } from '../customers/phone.ts';
import { DomainError } from '../errors.ts';
import { enqueueJob } from '../jobs/enqueue.ts';
import { JOB_KINDS } from '../jobs/kinds.ts';
import { allowedSendTime, businessCallerId, contactRefusal } from './contact-rules.ts';

export const RequestOutboundCallInput = z.object({
  to: z.string().trim().min(3).max(40),
  purpose: z.enum(OUTBOUND_PURPOSES),
  appointmentId: z.string().trim().min(1).max(100).optional(),
  messageId: z.string().trim().min(1).max(100).optional(),
  /** What the call is about, for the agent (a custom call, a waitlist slot…). */
  note: z.string().trim().min(1).max(500).optional(),
  /** Requests with the same key are one call (reminders key by appointment and start). */
  dedupeKey: z.string().trim().min(1).max(200).optional(),
  /** The engine expected to take the call (the call log's `engine` until the stream says otherwise). */
  engine: z.string().trim().min(1).max(32).default('pending'),
});
export type RequestOutboundCallInput = z.input<typeof RequestOutboundCallInput>;

export interface RequestedOutboundCall {
  callId: string;
  outboundId: string;
  /** When the first dial is due (now, or when the callee's quiet hours end). */
  scheduledFor: number;
  created: boolean;
}

/**
 * Asks the receptionist to call someone: the call-log row (direction `outbound`, `queued`), its request
 * with purpose and context, and the first `outbound.dial` job, in one transaction. The rules that protect
 * the business apply here and again at dial time: never a number on the do-not-contact list or opted out,
 * never outside the callee's quiet hours (the job waits), caller ID always the business's own number.
 */
export async function requestOutboundCall({
  ctx,
  input,
}: {
  ctx: DomainContext;
  input: RequestOutboundCallInput;
}): Promise<RequestedOutboundCall> {
  const result = RequestOutboundCallInput.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new DomainError(
      'invalid_input',
      `Invalid outbound call: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(),
      {
        cause: result.error,
      },
    );
  }
  const parsed = result.data;
  const to = requireE164(parsed.to);
  const from = await businessCallerId(ctx.tenant);
  if (from === undefined) {
    throw new DomainError('no_business_number', 'The business has no phone number to call from.');
  }
  if (from === to) throw new DomainError('invalid_phone', 'The business cannot call its own number.');
  const refusal = await contactRefusal(ctx.tenant, to);
  if (refusal !== undefined) {
    throw new DomainError('do_not_contact', 'This number asked not to be contacted.', {
      details: { reason: refusal },
    });
  }
  let appointmentStartAt: number | undefined;
  if (parsed.appointmentId !== undefined) {
    const appointment = await ctx.tenant.appointments.get(parsed.appointmentId);
    if (appointment === undefined) {
      throw new DomainError('appointment_not_found', 'That appointment was not found.');
    }
    if (appointment.status !== 'booked' || appointment.startAt <= ctx.nowMs) {
      throw new DomainError('appointment_not_upcoming', 'That appointment is not an upcoming booking.');
    }
    appointmentStartAt = appointment.startAt;
  }
  if (parsed.messageId !== undefined && (await ctx.tenant.messages.get(parsed.messageId)) === undefined) {
    throw new DomainError('message_not_found', 'That message was not found.');
  }
  const scheduledFor = (await allowedSendTime(ctx.tenant, ctx.profile, to, ctx.nowMs)) ?? ctx.nowMs;
  return ctx.tenant.transaction(async (tenant) => {
    const { outbound, call, created } = await tenant.outbound.create({
      purpose: parsed.purpose,
      toNumber: to,
      fromNumber: from,
      appointmentId: parsed.appointmentId,
      appointmentStartAt,
      messageId: parsed.messageId,
      note: parsed.note,
      nextAttemptAt: scheduledFor,
      dedupeKey: parsed.dedupeKey,
      engine: parsed.engine,
    });
    if (created) {
      await enqueueJob({
        ctx: { tenant, nowMs: ctx.nowMs },
        input: {
          kind: JOB_KINDS.outboundDial,
          payload: { outboundId: outbound.id, attempt: 0 },
          runAt: scheduledFor,
        },
      });
    }
    return { callId: call.id, outboundId: outbound.id, scheduledFor: outbound.nextAttemptAt, created };
  });
}
