import { type Executor, forBusiness } from '@receptionist/db';
import { DateTime } from 'luxon';

export interface DailyDigest {
  businessName: string;
  date: string;
  calls: number;
  openMessages: Array<{
    callerName: string | null;
    callerNumber: string | null;
    reason: string;
    urgency: string;
  }>;
  /** The next day's live appointments, in local time. */
  tomorrow: Array<{ time: string; serviceName: string; customerName: string | null }>;
}

/** What the daily digest of local `date` says: the day's calls, messages still open, tomorrow's bookings. */
export async function readDailyDigest({
  ctx,
  input,
}: {
  ctx: { db: Executor };
  input: { businessId: string; date: string };
}): Promise<DailyDigest | undefined> {
  const tenant = forBusiness(ctx.db, input.businessId);
  const business = await tenant.business.get();
  if (business === undefined) return undefined;
  const day = DateTime.fromISO(input.date, { zone: business.timeZone }).startOf('day');
  const next = day.plus({ days: 1 });
  const calls = await tenant.calls.list({ startedFrom: day.toMillis(), startedBefore: next.toMillis() });
  const messages = await tenant.messages.list({ handled: false, limit: 50 });
  const appointments = await tenant.appointments.list({
    fromMs: next.toMillis(),
    toMs: next.plus({ days: 1 }).toMillis(),
    status: 'booked',
  });
  const services = new Map(
    (await tenant.services.list({ includeInactive: true })).map((service) => [service.id, service.name]),
  );
  const customers = new Map<string, string | null>();
  for (const appointment of appointments) {
    if (customers.has(appointment.customerId)) continue;
    customers.set(appointment.customerId, (await tenant.customers.get(appointment.customerId))?.name ?? null);
  }
  return {
    businessName: business.name,
    date: input.date,
    calls: calls.length,
    openMessages: messages.map((message) => ({
      callerName: message.callerName,
      callerNumber: message.callerNumber,
      reason: message.reason,
      urgency: message.urgency,
    })),
    tomorrow: appointments.map((appointment) => ({
      time: DateTime.fromMillis(appointment.startAt, { zone: business.timeZone }).toFormat('HH:mm'),
      serviceName: services.get(appointment.serviceId) ?? appointment.serviceId,
      customerName: customers.get(appointment.customerId) ?? null,
    })),
  };
}
