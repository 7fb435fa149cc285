import { z } from 'zod';
import type { DomainContext } from '../availability/index.ts';
import { IsoDate } from '../profile/schema.ts';
import { type LocatedAppointments, locateCallerAppointments } from './locate.ts';
import { type AppointmentView, toAppointmentView } from './view.ts';

export const FindAppointmentsInput = z.object({
  customerName: z.string().trim().min(1).max(100).optional(),
  date: IsoDate.optional(),
  /** The one-time code texted to the number on file (businesses that verify callers that way). */
  verificationCode: z.string().trim().max(20).optional(),
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
