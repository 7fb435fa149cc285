import { type AppointmentRow, type Database, forBusiness } from '@receptionist/db';
import {
  type BookAppointmentInput,
  type BusinessProfile,
  bookAppointment,
  type DomainContext,
  DomainError,
  loadBusinessProfile,
  requireSlot,
  resolveService,
} from '@receptionist/domain';

/**
 * Appointment verbs for staff (dashboard) and integrations (REST API). Slots are checked by the same
 * receptionist code the phone agent uses (hours, breaks, buffers, closures, no double booking); staff
 * act for the business, so no caller-ID verification applies.
 */

export interface AppointmentListItem {
  id: string;
  status: AppointmentRow['status'];
  serviceId: string;
  serviceName: string;
  customerId: string;
  customerName: string | null;
  customerPhone: string | null;
  startAt: number;
  endAt: number;
  notes: string | null;
  createdByCallId: string | null;
}

async function domainContext(db: Database, businessId: string, nowMs: number): Promise<DomainContext> {
  const profile = await loadBusinessProfile(db, businessId);
  return { tenant: forBusiness(db, businessId), profile, nowMs };
}

export async function listAppointments(
  db: Database,
  businessId: string,
  range: { fromMs: number; toMs: number; status?: AppointmentRow['status'] | undefined },
): Promise<{ profile: BusinessProfile; appointments: AppointmentListItem[] }> {
  const tenant = forBusiness(db, businessId);
  const profile = await loadBusinessProfile(db, businessId);
  const rows = await tenant.appointments.list(range);
  const customerIds = [...new Set(rows.map((row) => row.customerId))];
  const customers = new Map(
    (await Promise.all(customerIds.map((id) => tenant.customers.get(id)))).flatMap((c) =>
      c ? [[c.id, c]] : [],
    ),
  );
  return {
    profile,
    appointments: rows.map((row) => {
      const customer = customers.get(row.customerId);
      return {
        id: row.id,
        status: row.status,
        serviceId: row.serviceId,
        serviceName: profile.services.find((s) => s.id === row.serviceId)?.name ?? row.serviceId,
        customerId: row.customerId,
        customerName: customer?.name ?? null,
        customerPhone: customer?.phone ?? null,
        startAt: row.startAt,
        endAt: row.endAt,
        notes: row.notes,
        createdByCallId: row.createdByCallId,
      };
    }),
  };
}

export async function bookForBusiness(
  db: Database,
  businessId: string,
  input: BookAppointmentInput,
  now: () => number,
) {
  return bookAppointment({ ctx: await domainContext(db, businessId, now()), input });
}

export async function cancelForBusiness(db: Database, businessId: string, appointmentId: string) {
  const tenant = forBusiness(db, businessId);
  if ((await tenant.appointments.get(appointmentId)) === undefined) {
    throw new DomainError('appointment_not_found', 'No such appointment');
  }
  return tenant.appointments.cancel(appointmentId);
}

/** Moves a booking to a new local date and time, if that slot is free for its service. */
export async function rescheduleForBusiness(
  db: Database,
  businessId: string,
  appointmentId: string,
  to: { date: string; time: string },
  now: () => number,
) {
  const ctx = await domainContext(db, businessId, now());
  const current = await ctx.tenant.appointments.get(appointmentId);
  if (current === undefined || current.status !== 'booked') {
    throw new DomainError('appointment_not_found', 'No such booked appointment');
  }
  const service = resolveService(ctx.profile, current.serviceId);
  const slot = await requireSlot(ctx, {
    service,
    date: to.date,
    time: to.time,
    ignoreAppointmentId: appointmentId,
  });
  return ctx.tenant.appointments.reschedule(appointmentId, slot);
}
