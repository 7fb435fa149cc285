import {
  BookAppointmentInput,
  bookAppointment,
  cancelAppointment,
  type DomainContext,
  IsoDate,
  LocalTime,
  loadDomainContext,
  rescheduleAppointment,
} from '@receptionist/domain';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { recheckBooking, recheckMove } from '../calendar/busy-port.ts';
import { type AppointmentListItem, listAppointments } from '../queries/appointments.ts';
import { readTenant } from '../queries/tenant.ts';
import { APPOINTMENT_STATUSES } from '../queries/types.ts';
import type { ApiContext, ApiHandler } from './context.ts';
import { json, readJsonBody } from './respond.ts';

/**
 * GET/POST /api/v1/appointments and POST /api/v1/appointments/:appointmentId/{cancel,reschedule}.
 * Writes go through the same domain verbs the phone agent uses, acting as the API key.
 */

const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const ListQuery = z.object({
  from: IsoDay.optional(),
  to: IsoDay.optional(),
  status: z.enum(APPOINTMENT_STATUSES).optional(),
});
const MAX_RANGE_DAYS = 92;

function appointmentJson(item: AppointmentListItem, timeZone: string) {
  return {
    id: item.id,
    status: item.status,
    service: { id: item.serviceId, name: item.serviceName },
    customer: { id: item.customerId, name: item.customerName, phone: item.customerPhone },
    startAt: DateTime.fromMillis(item.startAt, { zone: timeZone }).toISO(),
    endAt: DateTime.fromMillis(item.endAt, { zone: timeZone }).toISO(),
    notes: item.notes,
    createdByCallId: item.createdByCallId,
  };
}

async function timeZoneOf(context: ApiContext): Promise<string> {
  return (await readTenant(context.db, context.businessId).business.get())?.timeZone ?? 'UTC';
}

function domainContextOf(context: ApiContext): Promise<DomainContext> {
  return loadDomainContext(context.db, context.businessId, {
    actor: { kind: 'api', apiKeyId: context.apiKeyId },
    nowMs: context.now(),
  });
}

/** Local days `from`..`to` inclusive (default: today and the next 30 days), at most 92 days. */
export const listAppointmentsHandler: ApiHandler = async (request, context) => {
  const query = ListQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  const timeZone = await timeZoneOf(context);
  const from = query.from
    ? DateTime.fromISO(query.from, { zone: timeZone })
    : DateTime.fromMillis(context.now(), { zone: timeZone }).startOf('day');
  const to = query.to ? DateTime.fromISO(query.to, { zone: timeZone }) : from.plus({ days: 30 });
  if (!from.isValid || !to.isValid || to < from || to.diff(from, 'days').days > MAX_RANGE_DAYS) {
    throw new z.ZodError([
      {
        code: 'custom',
        path: ['to'],
        message: `to must be on or after from, at most ${MAX_RANGE_DAYS} days later`,
        input: query.to,
      },
    ]);
  }
  const { appointments } = await listAppointments(context.db, context.businessId, {
    fromMs: from.startOf('day').toMillis(),
    toMs: to.startOf('day').plus({ days: 1 }).toMillis(),
    status: query.status,
  });
  return json({ data: appointments.map((item) => appointmentJson(item, timeZone)) });
};

/** Body: { service, date: YYYY-MM-DD, time: HH:mm (business time zone), customerName, phone, notes? }. */
export const createAppointmentHandler: ApiHandler = async (request, context) => {
  const input = BookAppointmentInput.required({ phone: true }).parse(await readJsonBody(request));
  const ctx = await domainContextOf(context);
  await recheckBooking(context.db, ctx, input);
  const booked = await bookAppointment({ ctx, input });
  const timeZone = await timeZoneOf(context);
  return json(
    {
      data: appointmentJson(
        {
          id: booked.appointment.id,
          status: booked.appointment.status,
          serviceId: booked.service.id,
          serviceName: booked.service.name,
          customerId: booked.customer.id,
          customerName: booked.customer.name,
          customerPhone: booked.customer.phone,
          startAt: booked.appointment.startAt,
          endAt: booked.appointment.endAt,
          notes: booked.appointment.notes,
          createdByCallId: booked.appointment.createdByCallId,
        },
        timeZone,
      ),
    },
    201,
  );
};

export const cancelAppointmentHandler: ApiHandler<{ appointmentId: string }> = async (
  _request,
  context,
  { appointmentId },
) => {
  const cancelled = await cancelAppointment({
    ctx: await domainContextOf(context),
    input: { appointmentId },
  });
  return json({ data: { id: cancelled.id, status: cancelled.status } });
};

const RescheduleBody = z.object({ date: IsoDate, time: LocalTime }).strict();

/**
 * Body: { date: YYYY-MM-DD, time: HH:mm (business time zone) }. A slot someone else took first is a
 * 409 whose message says so and whose details name the nearest free times.
 */
export const rescheduleAppointmentHandler: ApiHandler<{ appointmentId: string }> = async (
  request,
  context,
  { appointmentId },
) => {
  const body = RescheduleBody.parse(await readJsonBody(request));
  const ctx = await domainContextOf(context);
  const input = { appointmentId, newDate: body.date, newTime: body.time };
  await recheckMove(context.db, ctx, input);
  const { after } = await rescheduleAppointment({ ctx, input });
  return json({ data: { id: after.id, status: after.status, date: after.date, time: after.time } });
};
