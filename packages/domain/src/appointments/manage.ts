import { AppointmentOverlapError, type AppointmentRow } from '@receptionist/db';
import { z } from 'zod';
import { type DomainContext, explainTakenSlot, requireSlot } from '../availability/index.ts';
import type { Slot } from '../availability/slots.ts';
import { DomainError } from '../errors.ts';
import { IsoDate, LocalTime, type ServiceProfile } from '../profile/schema.ts';
import { type LocatedAppointments, locateCallerAppointments, pickAppointment } from './locate.ts';
import { type AppointmentView, toAppointmentView } from './view.ts';

export const FindAppointmentsInput = z.object({
  customerName: z.string().trim().min(1).max(100).optional(),
  date: IsoDate.optional(),
});
export type FindAppointmentsInput = z.input<typeof FindAppointmentsInput>;

/** The caller's upcoming bookings (caller ID, or name + date of the booking). */
export async function findMyAppointments({
  ctx,
  input,
}: {
  ctx: DomainContext;
  input: FindAppointmentsInput;
}): Promise<{ verifiedBy: LocatedAppointments['verifiedBy']; appointments: AppointmentView[] }> {
  const parsed = FindAppointmentsInput.parse(input);
  const located = await locateCallerAppointments(ctx, parsed);
  return {
    verifiedBy: located.verifiedBy,
    appointments: located.appointments.map((row) => toAppointmentView(ctx.profile, row)),
  };
}

export const RescheduleAppointmentInput = z.object({
  appointmentId: z.string().trim().min(1).max(100).optional(),
  /** Date of the existing booking (needed with the name when caller ID does not match). */
  currentDate: IsoDate.optional(),
  customerName: z.string().trim().min(1).max(100).optional(),
  newDate: IsoDate,
  newTime: LocalTime,
});
export type RescheduleAppointmentInput = z.input<typeof RescheduleAppointmentInput>;

/** Moves one of the caller's bookings to a free slot; the old time frees up in the same transaction. */
export async function rescheduleAppointment({
  ctx,
  input,
}: {
  ctx: DomainContext;
  input: RescheduleAppointmentInput;
}): Promise<{ before: AppointmentView; after: AppointmentView; slot: Slot }> {
  const parsed = RescheduleAppointmentInput.parse(input);
  const located = await locateCallerAppointments(ctx, {
    customerName: parsed.customerName,
    date: parsed.currentDate,
  });
  const current = pickAppointment(ctx, located, parsed.appointmentId);
  const service = await serviceOf(ctx, current);
  const request = { service, date: parsed.newDate, time: parsed.newTime, ignoreAppointmentId: current.id };
  const slot = await requireSlot(ctx, request);
  try {
    const moved = await ctx.tenant.appointments.reschedule(current.id, slot);
    return {
      before: toAppointmentView(ctx.profile, current),
      after: toAppointmentView(ctx.profile, moved),
      slot,
    };
  } catch (error) {
    if (error instanceof AppointmentOverlapError) throw await explainTakenSlot(ctx, request);
    throw error;
  }
}

export const CancelAppointmentInput = z.object({
  appointmentId: z.string().trim().min(1).max(100).optional(),
  date: IsoDate.optional(),
  customerName: z.string().trim().min(1).max(100).optional(),
});
export type CancelAppointmentInput = z.input<typeof CancelAppointmentInput>;

/** Cancels one of the caller's bookings. */
export async function cancelAppointment({
  ctx,
  input,
}: {
  ctx: DomainContext;
  input: CancelAppointmentInput;
}): Promise<AppointmentView> {
  const parsed = CancelAppointmentInput.parse(input);
  const located = await locateCallerAppointments(ctx, {
    customerName: parsed.customerName,
    date: parsed.date,
  });
  const current = pickAppointment(ctx, located, parsed.appointmentId);
  const cancelled = await ctx.tenant.appointments.cancel(current.id);
  return toAppointmentView(ctx.profile, cancelled);
}

/** The booked service's length and buffer: from the profile, or the stored row if it was since removed. */
async function serviceOf(ctx: DomainContext, appointment: AppointmentRow): Promise<ServiceProfile> {
  const fromProfile = ctx.profile.services.find((service) => service.id === appointment.serviceId);
  if (fromProfile !== undefined) return fromProfile;
  const row = await ctx.tenant.services.get(appointment.serviceId);
  if (row === undefined)
    throw new DomainError('unknown_service', "I can't find the service for that booking.");
  return {
    id: row.id,
    name: row.name,
    durationMinutes: row.durationMinutes,
    priceCents: row.priceCents ?? undefined,
    bufferMinutes: row.bufferMinutes,
  };
}
