import type { AppointmentRow } from '@receptionist/db';
import type { DomainContext } from '../availability/index.ts';
import { DomainError } from '../errors.ts';
import type { ServiceProfile } from '../profile/schema.ts';

/** The booked service's length and buffer: from the profile, or the stored row if it was since removed. */
export async function serviceOf(ctx: DomainContext, appointment: AppointmentRow): Promise<ServiceProfile> {
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
