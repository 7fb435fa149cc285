import { AppointmentOverlapError } from '@receptionist/db';
import { z } from 'zod';
import { type DomainContext, explainTakenSlot, requireSlot } from '../availability/index.ts';
import type { Slot } from '../availability/slots.ts';
import { recordBusinessEvent } from '../events/record.ts';
import { IsoDate, LocalTime } from '../profile/schema.ts';
import { assertCancellationWindowOpen } from './cancellation-window.ts';
import { appointmentEventData } from './event-data.ts';
import { resolveAppointment } from './locate.ts';
import { serviceOf } from './service-of.ts';
import { type AppointmentView, toAppointmentView } from './view.ts';

export const RescheduleAppointmentInput = z.object({
  /** Required for staff and API actors; a caller may give it to pick among their bookings. */
  appointmentId: z.string().trim().min(1).max(100).optional(),
  /** Date of the existing booking (needed with the name when caller ID does not match). */
  currentDate: IsoDate.optional(),
  customerName: z.string().trim().min(1).max(100).optional(),
  /** The one-time code texted to the number on file (businesses that verify callers that way). */
  verificationCode: z.string().trim().max(20).optional(),
  newDate: IsoDate,
  newTime: LocalTime,
});
export type RescheduleAppointmentInput = z.input<typeof RescheduleAppointmentInput>;

/**
 * Moves a booking to a free slot; the old time frees up in the same transaction. One verb for every
 * actor: the caller is verified first, staff and API keys name the booking by id. Whoever loses a race
 * for the new slot hears why and the nearest free times (DomainError `slot_taken`), never a raw
 * database error.
 */
export async function rescheduleAppointment({
  ctx,
  input,
}: {
  ctx: DomainContext;
  input: RescheduleAppointmentInput;
}): Promise<{ before: AppointmentView; after: AppointmentView; slot: Slot }> {
  const parsed = RescheduleAppointmentInput.parse(input);
  const current = await resolveAppointment(ctx, {
    appointmentId: parsed.appointmentId,
    customerName: parsed.customerName,
    verificationCode: parsed.verificationCode,
    date: parsed.currentDate,
    mustBeBooked: true,
  });
  assertCancellationWindowOpen(ctx, current);
  const service = await serviceOf(ctx, current);
  const request = { service, date: parsed.newDate, time: parsed.newTime, ignoreAppointmentId: current.id };
  const slot = await requireSlot(ctx, request);
  try {
    return await ctx.tenant.transaction(async (tenant) => {
      const moved = await tenant.appointments.reschedule(current.id, slot);
      const before = toAppointmentView(ctx.profile, current);
      const after = toAppointmentView(ctx.profile, moved);
      await recordBusinessEvent({
        ctx: { tenant, nowMs: ctx.nowMs },
        input: {
          type: 'appointment.rescheduled',
          data: { ...appointmentEventData(moved, after), previous: { date: before.date, time: before.time } },
        },
      });
      return { before, after, slot };
    });
  } catch (error) {
    if (error instanceof AppointmentOverlapError) throw await explainTakenSlot(ctx, request);
    throw error;
  }
}
