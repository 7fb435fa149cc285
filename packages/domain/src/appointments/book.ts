import { AppointmentOverlapError, type AppointmentRow, type CustomerRow } from '@receptionist/db';
import { z } from 'zod';
import { type DomainContext, explainTakenSlot, requireSlot, resolveService } from '../availability/index.ts';
import type { Slot } from '../availability/slots.ts';
import { actorOf } from '../context.ts';
import { findOrCreateCustomer } from '../customers/index.ts';
import { requireE164 } from '../customers/phone.ts';
import { DomainError } from '../errors.ts';
import { recordBusinessEvent } from '../events/record.ts';
import { IsoDate, LocalTime, type ServiceProfile } from '../profile/schema.ts';
import { appointmentEventData } from './event-data.ts';
import { toAppointmentView } from './view.ts';

export const BookAppointmentInput = z.object({
  /** Service id or name. */
  service: z.string().trim().min(1).max(100),
  date: IsoDate,
  time: LocalTime,
  customerName: z.string().trim().min(1).max(100),
  /** Spoken phone number; defaults to caller ID. */
  phone: z.string().trim().min(1).max(40).optional(),
  notes: z.string().trim().max(500).optional(),
});
export type BookAppointmentInput = z.input<typeof BookAppointmentInput>;

export interface BookedAppointment {
  appointment: AppointmentRow;
  customer: CustomerRow;
  service: ServiceProfile;
  slot: Slot;
}

/**
 * Books a slot for a caller. The slot is checked against the calendar, then booked in one write
 * transaction with the customer upsert; if another caller got there first, the transaction rolls
 * back (nothing written) and the error names the nearest free times.
 */
export async function bookAppointment({
  ctx,
  input,
}: {
  ctx: DomainContext;
  input: BookAppointmentInput;
}): Promise<BookedAppointment> {
  const parsed = BookAppointmentInput.parse(input);
  const service = resolveService(ctx.profile, parsed.service);
  const phone = parsed.phone !== undefined ? requireE164(parsed.phone) : ctx.callerNumber;
  if (phone === undefined) {
    throw new DomainError('phone_required', 'What phone number should I put the booking under?');
  }
  const slot = await requireSlot(ctx, { service, date: parsed.date, time: parsed.time });
  try {
    return await ctx.tenant.transaction(async (tenant) => {
      // A number the caller only said (not their caller ID) proves nothing about who they are: it may
      // fill in a missing name but never renames the customer it belongs to (names are verification).
      const provenNumber = actorOf(ctx).kind !== 'caller' || phone === ctx.callerNumber;
      const customer = await findOrCreateCustomer(tenant, {
        phone,
        name: parsed.customerName,
        keepExistingName: !provenNumber,
      });
      const appointment = await tenant.appointments.book({
        serviceId: service.id,
        customerId: customer.id,
        startAt: slot.startAt,
        endAt: slot.endAt,
        blockedUntil: slot.blockedUntil,
        notes: parsed.notes,
        createdByCallId: ctx.callId,
      });
      await recordBusinessEvent({
        ctx: { tenant, nowMs: ctx.nowMs },
        input: {
          type: 'appointment.booked',
          data: {
            ...appointmentEventData(appointment, toAppointmentView(ctx.profile, appointment)),
            customer: { id: customer.id, name: customer.name, phone: customer.phone },
          },
        },
      });
      return { appointment, customer, service, slot };
    });
  } catch (error) {
    if (error instanceof AppointmentOverlapError) {
      throw await explainTakenSlot(ctx, { service, date: parsed.date, time: parsed.time });
    }
    throw error;
  }
}
