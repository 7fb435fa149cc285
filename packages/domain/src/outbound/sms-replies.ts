import type { DomainContext } from '../availability/index.ts';
import { cancelAppointment } from '../appointments/cancel.ts';
import { toAppointmentView } from '../appointments/view.ts';
import { requestOutboundCall } from './request-outbound-call.ts';
import { claimWaitlistOffer } from './waitlist.ts';

export type ReminderReplyKeyword = 'confirm' | 'cancel' | 'reschedule' | 'yes';

const KEYWORDS: Record<string, ReminderReplyKeyword> = {
  C: 'confirm',
  CONFIRM: 'confirm',
  CONFIRMED: 'confirm',
  X: 'cancel',
  CANCEL: 'cancel',
  R: 'reschedule',
  RESCHEDULE: 'reschedule',
  YES: 'yes',
  Y: 'yes',
};

/** The reply keyword of a text (one word, any case, punctuation ignored), or undefined. */
export function reminderReplyKeyword(body: string): ReminderReplyKeyword | undefined {
  const word = body
    .trim()
    .replace(/[^\p{L}]/gu, '')
    .toUpperCase();
  return KEYWORDS[word];
}

export interface SmsReplyOutcome {
  /** What the text did: `confirmed`, `cancelled`, `reschedule_call`, `waitlist_booked`, `waitlist_taken`. */
  action: string;
  /** The text to answer with (TwiML `<Message>`). */
  reply: string;
}

/**
 * A text that answers one of our reminders or waitlist offers, from `phone`. C confirms the booking the
 * latest reminder was about, X (or CANCEL) cancels it through the cancel verb, R asks the receptionist to
 * call back to find a new time (an outbound call with that booking as context), YES takes an offered
 * waitlist slot. Undefined when the text answers nothing of ours (the STOP/START handling then applies).
 */
export async function handleOutboundSmsReply({
  ctx,
  input,
}: {
  ctx: DomainContext;
  input: { phone: string; body: string };
}): Promise<SmsReplyOutcome | undefined> {
  const keyword = reminderReplyKeyword(input.body);
  if (keyword === undefined) return undefined;
  if (keyword === 'yes') {
    const claimed = await claimWaitlistOffer({ ctx, input: { phone: input.phone } });
    if (claimed === undefined) return undefined;
    return { action: claimed.booked ? 'waitlist_booked' : 'waitlist_taken', reply: claimed.reply };
  }
  const customer = await ctx.tenant.customers.findByPhone(input.phone);
  if (customer === undefined) return undefined;
  const upcoming = await ctx.tenant.appointments.listForCustomer(customer.id, { fromMs: ctx.nowMs });
  const reminders = await ctx.tenant.outbound.sentRemindersFor(upcoming.map((appointment) => appointment.id));
  const reminder = reminders.find((candidate) =>
    upcoming.some(
      (appointment) =>
        appointment.id === candidate.appointmentId && appointment.startAt === candidate.startAt,
    ),
  );
  const appointment = upcoming.find((candidate) => candidate.id === reminder?.appointmentId);
  if (reminder === undefined || appointment === undefined) return undefined;
  const view = toAppointmentView(ctx.profile, appointment);
  const staff = { ...ctx, actor: { kind: 'system' } as const };
  switch (keyword) {
    case 'confirm':
      await ctx.tenant.outbound.setReminderReply(reminder.id, 'confirmed');
      return { action: 'confirmed', reply: `Thanks, your ${view.spoken} is confirmed.` };
    case 'cancel':
      await cancelAppointment({ ctx: staff, input: { appointmentId: appointment.id } });
      await ctx.tenant.outbound.setReminderReply(reminder.id, 'cancelled');
      return { action: 'cancelled', reply: `Your ${view.spoken} is cancelled.` };
    case 'reschedule':
      await ctx.tenant.outbound.setReminderReply(reminder.id, 'reschedule_requested');
      await requestOutboundCall({
        ctx,
        input: {
          to: customer.phone,
          purpose: 'reminder',
          appointmentId: appointment.id,
          note: 'They replied R to the reminder text: they want to move this appointment. Find a new time.',
          dedupeKey: `reschedule:${appointment.id}:${appointment.startAt}`,
        },
      });
      return {
        action: 'reschedule_call',
        reply: `We'll call you shortly to find a new time for your ${view.spoken}.`,
      };
  }
}

/**
 * The callee confirmed their booking on a reminder call (the agent's `confirm_appointment` tool): the
 * reminder remembers the answer. Returns the booking as the agent reads it back.
 */
export async function confirmAppointment({
  ctx,
  input,
}: {
  ctx: DomainContext;
  input: { appointmentId: string };
}): Promise<{ confirmed: boolean; spoken?: string }> {
  const appointment = await ctx.tenant.appointments.get(input.appointmentId);
  if (appointment === undefined || appointment.status !== 'booked') return { confirmed: false };
  const reminders = await ctx.tenant.outbound.sentRemindersFor([appointment.id]);
  for (const reminder of reminders.filter((candidate) => candidate.startAt === appointment.startAt)) {
    await ctx.tenant.outbound.setReminderReply(reminder.id, 'confirmed');
  }
  return { confirmed: true, spoken: toAppointmentView(ctx.profile, appointment).spoken };
}
