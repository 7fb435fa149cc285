import type { AppointmentReminderRow } from '@receptionist/db';
import { toAppointmentView } from '../appointments/view.ts';
import type { DomainContext } from '../availability/index.ts';
import { enqueueJob } from '../jobs/enqueue.ts';
import { JOB_KINDS } from '../jobs/kinds.ts';
import { allowedSendTime, businessCallerId, contactRefusal } from './contact-rules.ts';
import { requestOutboundCall } from './request-outbound-call.ts';

const HOUR_MS = 3_600_000;
/** A booking made after its reminder time is still reminded at once, unless it starts within this. */
const LATE_REMINDER_MIN_LEAD_MS = 2 * HOUR_MS;

/**
 * Schedules the reminders of one booking (after it was booked or moved), one per channel the business
 * chose, N hours before its start. Keyed by (appointment, start, channel): a replayed event schedules
 * nothing twice, and a moved appointment gets fresh reminders while the old ones skip themselves.
 */
export async function scheduleAppointmentReminders({
  ctx,
  input,
}: {
  ctx: DomainContext;
  input: { appointmentId: string };
}): Promise<AppointmentReminderRow[]> {
  const policy = ctx.profile.outbound.reminders;
  if (!policy.enabled) return [];
  const appointment = await ctx.tenant.appointments.get(input.appointmentId);
  if (appointment === undefined || appointment.status !== 'booked') return [];
  const due = appointment.startAt - policy.hoursBefore * HOUR_MS;
  if (due < ctx.nowMs && appointment.startAt - ctx.nowMs < LATE_REMINDER_MIN_LEAD_MS) return [];
  const runAt = Math.max(due, ctx.nowMs);
  return ctx.tenant.transaction(async (tenant) => {
    const scheduled: AppointmentReminderRow[] = [];
    for (const channel of policy.channels) {
      const { reminder, created } = await tenant.outbound.scheduleReminder({
        appointmentId: appointment.id,
        startAt: appointment.startAt,
        channel,
        runAt,
      });
      if (!created) continue;
      await enqueueJob({
        ctx: { tenant, nowMs: ctx.nowMs },
        input: { kind: JOB_KINDS.reminderDue, payload: { reminderId: reminder.id }, runAt },
      });
      scheduled.push(reminder);
    }
    return scheduled;
  });
}

/** What a due reminder turned into. */
export type ReminderDecision =
  | { kind: 'sms'; reminder: AppointmentReminderRow; from: string; to: string; body: string }
  | { kind: 'call'; reminder: AppointmentReminderRow; callId: string }
  | { kind: 'deferred'; until: number }
  | { kind: 'skipped'; reason: string }
  | { kind: 'done' };

/**
 * A reminder job ran: checks the booking is still on at the same time and in the future (a late job
 * skips a past appointment), the number may be contacted, and the callee's quiet hours (a text waits for
 * them; a call waits in its dial job). A text comes back for the worker to send (idempotent per
 * reminder); a call is requested through `requestOutboundCall`, keyed so it is placed once.
 */
export async function runReminder({
  ctx,
  input,
}: {
  ctx: DomainContext;
  input: { reminderId: string };
}): Promise<ReminderDecision> {
  const reminder = await ctx.tenant.outbound.getReminder(input.reminderId);
  if (reminder === undefined || reminder.status !== 'scheduled') return { kind: 'done' };
  const skip = async (reason: string): Promise<ReminderDecision> => {
    await ctx.tenant.outbound.finishReminder(reminder.id, 'skipped', reason);
    return { kind: 'skipped', reason };
  };
  const appointment = await ctx.tenant.appointments.get(reminder.appointmentId);
  if (appointment === undefined || appointment.status !== 'booked') return skip('appointment_cancelled');
  if (appointment.startAt !== reminder.startAt) return skip('appointment_moved');
  if (appointment.startAt <= ctx.nowMs) return skip('appointment_past');
  const customer = await ctx.tenant.customers.get(appointment.customerId);
  if (customer === undefined) return skip('no_customer');
  const refusal = await contactRefusal(ctx.tenant, customer.phone);
  if (refusal !== undefined) return skip(refusal);
  const from = await businessCallerId(ctx.tenant);
  if (from === undefined) return skip('no_business_number');
  const view = toAppointmentView(ctx.profile, appointment);
  if (reminder.channel === 'call') {
    const requested = await requestOutboundCall({
      ctx,
      input: {
        to: customer.phone,
        purpose: 'reminder',
        appointmentId: appointment.id,
        dedupeKey: `reminder:${appointment.id}:${appointment.startAt}`,
      },
    });
    await ctx.tenant.outbound.finishReminder(reminder.id, 'sent');
    return { kind: 'call', reminder, callId: requested.callId };
  }
  const allowed = await allowedSendTime(ctx.tenant, ctx.profile, customer.phone, ctx.nowMs);
  if (allowed === undefined) return skip('no_allowed_hours');
  if (allowed > ctx.nowMs) {
    if (allowed >= appointment.startAt) return skip('quiet_hours_until_start');
    await enqueueJob({
      ctx,
      input: { kind: JOB_KINDS.reminderDue, payload: { reminderId: reminder.id }, runAt: allowed },
    });
    return { kind: 'deferred', until: allowed };
  }
  const body = `Reminder from ${ctx.profile.name}: your ${view.spoken}. Reply C to confirm, R to reschedule or X to cancel.`;
  return { kind: 'sms', reminder, from, to: customer.phone, body };
}

/** The worker sent (or finally failed to send) a reminder text. */
export async function finishReminderSms({
  ctx,
  input,
}: {
  ctx: Pick<DomainContext, 'tenant'>;
  input: { reminderId: string; sent: boolean; detail?: string };
}): Promise<void> {
  await ctx.tenant.outbound.finishReminder(input.reminderId, input.sent ? 'sent' : 'failed', input.detail);
}
