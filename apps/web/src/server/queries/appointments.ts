import type { AppointmentRow } from '@receptionist/db';
import { type BusinessProfile, loadBusinessProfile } from '@receptionist/domain';
import type { Database } from '../db.ts';
import { readTenant } from './tenant.ts';

/** The business's appointments with their customers, for the dashboard list and the REST API. */

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

export async function listAppointments(
  db: Database,
  businessId: string,
  range: { fromMs: number; toMs: number; status?: AppointmentRow['status'] | undefined },
): Promise<{ profile: BusinessProfile; appointments: AppointmentListItem[] }> {
  const tenant = readTenant(db, businessId);
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
