import { APPOINTMENT_STATUSES, forBusiness } from '@receptionist/db';
import { BookAppointmentInput } from '@receptionist/domain';
import { DateTime } from 'luxon';
import { z } from 'zod';
import {
  type AppointmentListItem,
  bookForBusiness,
  cancelForBusiness,
  listAppointments,
} from '../appointments.ts';
import type { ApiHandler } from './context.ts';
import { json, readJsonBody } from './respond.ts';

/** GET/POST /api/v1/appointments and POST /api/v1/appointments/:appointmentId/cancel. */

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

async function timeZoneOf(context: Parameters<ApiHandler>[1]): Promise<string> {
  return (await forBusiness(context.db, context.businessId).business.get())?.timeZone ?? 'UTC';
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
  const booked = await bookForBusiness(context.db, context.businessId, input, context.now);
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
  const cancelled = await cancelForBusiness(context.db, context.businessId, appointmentId);
  return json({ data: { id: cancelled.id, status: cancelled.status } });
};
