import { z } from 'zod';
import type { DomainContext } from '../availability/index.ts';
import { recordBusinessEvent } from '../events/record.ts';
import { IsoDate } from '../profile/schema.ts';
import { assertCancellationWindowOpen } from './cancellation-window.ts';
import { appointmentEventData } from './event-data.ts';
import { resolveAppointment } from './locate.ts';
import { type AppointmentView, toAppointmentView } from './view.ts';

export const CancelAppointmentInput = z.object({
  /** Required for staff and API actors; a caller may give it to pick among their bookings. */
  appointmentId: z.string().trim().min(1).max(100).optional(),
  date: IsoDate.optional(),
  customerName: z.string().trim().min(1).max(100).optional(),
  /** The one-time code texted to the number on file (businesses that verify callers that way). */
  verificationCode: z.string().trim().max(20).optional(),
});
export type CancelAppointmentInput = z.input<typeof CancelAppointmentInput>;

/** Cancels a booking: one of the verified caller's, or any of the business's for staff and API keys. */
export async function cancelAppointment({
  ctx,
  input,
}: {
  ctx: DomainContext;
  input: CancelAppointmentInput;
}): Promise<AppointmentView> {
  const parsed = CancelAppointmentInput.parse(input);
  const current = await resolveAppointment(ctx, {
    appointmentId: parsed.appointmentId,
    customerName: parsed.customerName,
    verificationCode: parsed.verificationCode,
    date: parsed.date,
    // A caller only ever finds live bookings; staff cancelling a cancelled one get it back unchanged.
    mustBeBooked: false,
  });
  if (current.status !== 'cancelled') assertCancellationWindowOpen(ctx, current);
  return ctx.tenant.transaction(async (tenant) => {
    const cancelled = await tenant.appointments.cancel(current.id);
    const view = toAppointmentView(ctx.profile, cancelled);
    if (current.status !== 'cancelled') {
      await recordBusinessEvent({
        ctx: { tenant, nowMs: ctx.nowMs },
        input: { type: 'appointment.cancelled', data: appointmentEventData(cancelled, view) },
      });
    }
    return view;
  });
}
