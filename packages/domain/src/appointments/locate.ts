import type { AppointmentRow } from '@receptionist/db';
import { addDays, type DomainContext, joinWords, localTimeToInstant } from '../availability/index.ts';
import { actorOf } from '../context.ts';
import { namesMatch } from '../customers/index.ts';
import { customerProvedByCode } from './caller-code.ts';
import { DomainError } from '../errors.ts';
import { toAppointmentView } from './view.ts';

export type VerifiedBy = 'caller_id_and_name' | 'sms_code';

export interface LocatedAppointments {
  verifiedBy: VerifiedBy;
  appointments: AppointmentRow[];
}

const NOT_VERIFIED =
  "I couldn't match that name to a booking made from the number you're calling from. I can only look bookings up for the name and number they were made with; I can take a message instead.";

/** Codes of a failed proof of identity: what the attempt limits count. */
export const VERIFICATION_FAILURE_CODES = ['verification_failed'] as const;
/** Failed proofs allowed on one call, then on one number within the window. */
export const VERIFICATION_LIMITS = { perCall: 3, perNumber: 5, windowMs: 60 * 60_000 } as const;

/**
 * The caller's upcoming bookings, found only as the business's verification policy accepts: by default
 * ("caller ID and name") the number they call from must belong to the customer AND they must give the
 * name on file. Caller ID alone is spoofable and a name and date can be guessed, so neither is enough
 * alone. Failed proofs are limited per call and per number; a failure never reveals whether bookings exist.
 */
export async function locateCallerAppointments(
  ctx: DomainContext,
  input: {
    customerName?: string | undefined;
    date?: string | undefined;
    verificationCode?: string | undefined;
  },
): Promise<LocatedAppointments> {
  await assertVerificationAllowed(ctx);
  if (ctx.profile.callerVerification === 'sms_code') {
    const proved = await customerProvedByCode(ctx, input.verificationCode);
    if (proved === undefined) {
      throw new DomainError(
        'verification_required',
        'For your security I need to text a code to the number the booking is under. Shall I send it?',
        { details: { method: 'sms_code' } },
      );
    }
    return { verifiedBy: 'sms_code', appointments: await upcomingOf(ctx, proved.id, input.date) };
  }
  // Asked before anything is looked up, so the question itself reveals nothing about the number.
  if (input.customerName === undefined) {
    throw new DomainError('verification_required', 'What name is the booking under?');
  }
  const customer =
    ctx.callerNumber === undefined ? undefined : await ctx.tenant.customers.findByPhone(ctx.callerNumber);
  // One answer for "no customer on this number" and "another name": neither is revealed.
  if (customer === undefined || !namesMatch(customer.name, input.customerName)) {
    throw new DomainError('verification_failed', NOT_VERIFIED);
  }
  return { verifiedBy: 'caller_id_and_name', appointments: await upcomingOf(ctx, customer.id, input.date) };
}

/** A verified customer's upcoming bookings, on `date` when given; none is a plain "not found". */
async function upcomingOf(
  ctx: DomainContext,
  customerId: string,
  date: string | undefined,
): Promise<AppointmentRow[]> {
  const upcoming = await ctx.tenant.appointments.listForCustomer(customerId, { fromMs: ctx.nowMs });
  const onDate = date === undefined ? upcoming : upcoming.filter((row) => isOnDate(ctx, row, date));
  if (onDate.length === 0) {
    throw new DomainError(
      'appointment_not_found',
      date === undefined
        ? "I don't see any upcoming bookings for you."
        : "I don't see a booking for you on that date. Could you check the date?",
    );
  }
  return onDate;
}

/** Refuses when this call, or this number lately, has failed to prove who it is too often. */
async function assertVerificationAllowed(ctx: DomainContext): Promise<void> {
  const onCall =
    ctx.callId === undefined
      ? 0
      : await ctx.tenant.verificationAttempts.countForCall(ctx.callId, VERIFICATION_FAILURE_CODES);
  const fromNumber =
    ctx.callerNumber === undefined
      ? 0
      : await ctx.tenant.verificationAttempts.countForNumber(
          ctx.callerNumber,
          ctx.nowMs - VERIFICATION_LIMITS.windowMs,
          VERIFICATION_FAILURE_CODES,
        );
  if (onCall >= VERIFICATION_LIMITS.perCall || fromNumber >= VERIFICATION_LIMITS.perNumber) {
    throw new DomainError(
      'verification_limited',
      "I can't look up bookings on this call. I can take a message and someone from the team will call you back.",
    );
  }
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
    verificationCode?: string | undefined;
    /** Only a live booking will do (a move); a cancel of a cancelled booking returns it unchanged. */
    mustBeBooked: boolean;
  },
): Promise<AppointmentRow> {
  const actor = actorOf(ctx);
  if (actor.kind === 'caller') {
    const located = await locateCallerAppointments(
      { ...ctx, callerNumber: actor.callerNumber ?? ctx.callerNumber },
      { customerName: input.customerName, date: input.date, verificationCode: input.verificationCode },
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
