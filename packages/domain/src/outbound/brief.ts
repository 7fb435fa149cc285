import type { OutboundCallRow } from '@receptionist/db';
import { toAppointmentView } from '../appointments/view.ts';
import type { DomainContext } from '../availability/index.ts';

/**
 * What the agent knows about an outbound call it places: why, the opening line, and the facts it needs
 * (the appointment, the message being returned). Engine-neutral: the instructions builder and the
 * offline policy both read it.
 */
export interface OutboundCallBrief {
  purpose: OutboundCallRow['purpose'];
  /** The agent's first words once the callee answers. */
  opening: string;
  /** Plain sentences for the agent's instructions. */
  context: string[];
  appointment?: { id: string; date: string; time: string; spoken: string } | undefined;
  message?: { id: string; reason: string; callerName: string | null } | undefined;
  note?: string | undefined;
}

/** The brief for a call row, or undefined when the call is not an outbound one. */
export async function loadOutboundCallBrief({
  ctx,
  input,
}: {
  ctx: DomainContext;
  input: { callId: string };
}): Promise<OutboundCallBrief | undefined> {
  const outbound = await ctx.tenant.outbound.getByCallId(input.callId);
  if (outbound === undefined) return undefined;
  const name = ctx.profile.name;
  const appointmentRow = outbound.appointmentId
    ? await ctx.tenant.appointments.get(outbound.appointmentId)
    : undefined;
  const appointment = appointmentRow ? toAppointmentView(ctx.profile, appointmentRow) : undefined;
  const messageRow = outbound.messageId ? await ctx.tenant.messages.get(outbound.messageId) : undefined;
  const message = messageRow
    ? { id: messageRow.id, reason: messageRow.reason, callerName: messageRow.callerName }
    : undefined;
  const note = outbound.note ?? undefined;
  const intro = `Hello, this is the virtual receptionist from ${name}.`;
  const context: string[] = [
    `This is an OUTBOUND call: you called ${outbound.toNumber}; they did not call you. Say who you are and why you call, and keep it short.`,
  ];
  let opening: string;
  switch (outbound.purpose) {
    case 'reminder':
      opening = appointment
        ? `${intro} I'm calling to remind you of your ${appointment.spoken}. Can you confirm you will come, or would you like to move or cancel it?`
        : `${intro} I'm calling about your upcoming appointment.`;
      context.push(
        appointment
          ? `Purpose: remind them of their booking (appointment id ${appointment.id}: ${appointment.spoken}). If they confirm, call confirm_appointment. If they want another time, check availability and call reschedule_appointment with that appointment id. If they want to cancel, confirm and call cancel_appointment.`
          : 'Purpose: an appointment reminder, but the booking was not found; apologise and offer help.',
      );
      break;
    case 'callback':
      opening = message
        ? `${intro} I'm returning your call${message.callerName ? `, ${message.callerName}` : ''}, about: ${message.reason}. How can I help?`
        : `${intro} I'm returning your call. How can I help?`;
      context.push(
        message
          ? `Purpose: return the message they left ("${message.reason}"). Help them with it using your tools, or take a new message.`
          : 'Purpose: return their call. Ask how you can help.',
      );
      break;
    case 'waitlist_offer':
      opening = `${intro} An earlier appointment just opened up${note ? `: ${note}` : ''}. Would you like it?`;
      context.push(
        `Purpose: offer a freed slot from the waitlist${note ? ` (${note})` : ''}. Book it only if they accept.`,
      );
      break;
    case 'custom':
      opening = `${intro} ${note ?? 'I have a quick message for you.'}`;
      context.push(`Purpose: ${note ?? 'a message from the business'}.`);
      break;
  }
  if (note && outbound.purpose !== 'custom' && outbound.purpose !== 'waitlist_offer')
    context.push(`Note: ${note}`);
  return {
    purpose: outbound.purpose,
    opening,
    context,
    ...(appointment
      ? {
          appointment: {
            id: appointment.id,
            date: appointment.date,
            time: appointment.time,
            spoken: appointment.spoken,
          },
        }
      : {}),
    ...(message ? { message } : {}),
    ...(note ? { note } : {}),
  };
}
