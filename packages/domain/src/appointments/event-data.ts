import type { AppointmentRow } from '@receptionist/db';
import type { AppointmentView } from './view.ts';

/** The snapshot of an appointment that its events carry (consumers never re-read the row). */
export function appointmentEventData(row: AppointmentRow, view: AppointmentView): Record<string, unknown> {
  return {
    appointmentId: row.id,
    status: row.status,
    serviceId: row.serviceId,
    serviceName: view.serviceName,
    customerId: row.customerId,
    startAt: row.startAt,
    endAt: row.endAt,
    date: view.date,
    time: view.time,
    spoken: view.spoken,
    callId: row.createdByCallId,
  };
}
