import type { AppointmentRow } from '@receptionist/db';
import { addDays, type DomainContext, joinWords, localTimeToInstant } from '../availability/index.ts';
import { actorOf } from '../context.ts';
import { namesMatch } from '../customers/index.ts';
import { DomainError } from '../errors.ts';
import { toAppointmentView } from './view.ts';

export type VerifiedBy = 'caller_id' | 'name_and_date';

export interface LocatedAppointments {
  verifiedBy: VerifiedBy;
  appointments: AppointmentRow[];
}

/**
 * The caller's upcoming bookings, found only in ways the policy accepts as proof of identity: the number
 * they are calling from belongs to the customer (caller ID), or they give the name and the date of the
 * booking. Anything else finds nothing and says what is needed, without revealing whether bookings exist.
 */
export async function locateCallerAppointments(
  ctx: DomainContext,
  input: { customerName?: string | undefined; date?: string | undefined },
): Promise<LocatedAppointments> {
  if (ctx.callerNumber !== undefined) {
    const customer = await ctx.tenant.customers.findByPhone(ctx.callerNumber);
    if (customer !== undefined) {
      const upcoming = await ctx.tenant.appointments.listForCustomer(customer.id, { fromMs: ctx.nowMs });
      const onDate =
        input.date === undefined ? upcoming : upcoming.filter((row) => isOnDate(ctx, row, input.date!));
      if (onDate.length > 0) return { verifiedBy: 'caller_id', appointments: onDate };
    }
  }
  if (input.customerName !== undefined && input.date !== undefined) {
    const fromMs = localTimeToInstant(ctx.profile.timeZone, input.date, 0);
    const toMs = localTimeToInstant(ctx.profile.timeZone, addDays(input.date, 1), 0);
    if (fromMs !== undefined && toMs !== undefined) {
      const sameDay = await ctx.tenant.appointments.list({ fromMs, toMs, status: 'booked' });
      const matches: AppointmentRow[] = [];
      for (const appointment of sameDay) {
        if (appointment.startAt < ctx.nowMs) continue;
        const customer = await ctx.tenant.customers.get(appointment.customerId);
        if (namesMatch(customer?.name, input.customerName)) matches.push(appointment);
      }
      if (matches.length > 0) return { verifiedBy: 'name_and_date', appointments: matches };
    }
    throw new DomainError(
      'appointment_not_found',
      "I couldn't find an upcoming booking under that name on that date. Could you check the name and the date?",
    );
  }
  throw new DomainError(
    'verification_failed',
    "I couldn't find upcoming bookings for the number you're calling from. What name is the booking under, and what date is it for?",
  );
}

/** Exactly one appointment out of those located: by id when given, else the only one. */
export function pickAppointment(
  ctx: DomainContext,
  located: LocatedAppointments,
  appointmentId: string | undefined,
): AppointmentRow {
  if (appointmentId !== undefined) {
    const match = located.appointments.find((row) => row.id === appointmentId);
    if (match === undefined) {
      throw new DomainError('appointment_not_found', "I couldn't find that booking among yours.");
    }
    return match;
  }
  if (located.appointments.length === 1) return located.appointments[0]!;
  const views = located.appointments.map((row) => toAppointmentView(ctx.profile, row));
  throw new DomainError(
    'ambiguous_appointment',
    `You have ${views.length} bookings: ${joinWords(views.map((view) => view.spoken))}. Which one do you mean?`,
    { details: { appointments: views } },
  );
}

function isOnDate(ctx: DomainContext, appointment: AppointmentRow, date: string): boolean {
  const fromMs = localTimeToInstant(ctx.profile.timeZone, date, 0) ?? 0;
  const toMs = localTimeToInstant(ctx.profile.timeZone, addDays(date, 1), 0) ?? 0;
  return appointment.startAt >= fromMs && appointment.startAt < toMs;
}

/**
 * The one appointment a verb acts on. A caller is verified exactly as `locateCallerAppointments` says;
 * staff and API keys act for the business and name the appointment by id (the tenant DAL keeps them
 * inside their own business, so another business's id is simply not found).
 */
export async function resolveAppointment(
  ctx: DomainContext,
  input: {
    appointmentId?: string | undefined;
    customerName?: string | undefined;
    date?: string | undefined;
    /** Only a live booking will do (a move); a cancel of a cancelled booking returns it unchanged. */
    mustBeBooked: boolean;
  },
): Promise<AppointmentRow> {
  const actor = actorOf(ctx);
  if (actor.kind === 'caller') {
    const located = await locateCallerAppointments(
      { ...ctx, callerNumber: actor.callerNumber ?? ctx.callerNumber },
      { customerName: input.customerName, date: input.date },
    );
    return pickAppointment(ctx, located, input.appointmentId);
  }
  if (input.appointmentId === undefined) {
    throw new DomainError('invalid_input', 'Which appointment? Give its id.');
  }
  const row = await ctx.tenant.appointments.get(input.appointmentId);
  if (row === undefined || (input.mustBeBooked && row.status !== 'booked')) {
    throw new DomainError(
      'appointment_not_found',
      input.mustBeBooked ? 'No such booked appointment' : 'No such appointment',
      { details: { appointmentId: input.appointmentId } },
    );
  }
  return row;
}
