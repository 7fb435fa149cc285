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
  tomorrow: Array<{ time: string; serviceId: string; customerId: string }>;
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
      serviceId: appointment.serviceId,
      customerId: appointment.customerId,
    })),
  };
}
