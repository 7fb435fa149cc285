import type { AppointmentRow } from '@receptionist/db';
import { formatDate, formatTime, localDate, localTimeOf } from '../availability/calendar.ts';
import type { BusinessProfile } from '../profile/schema.ts';

/** An appointment as the agent and the caller see it: local date and time, service name, no phone. */
export interface AppointmentView {
  id: string;
  serviceId: string;
  serviceName: string;
  date: string;
  time: string;
  status: AppointmentRow['status'];
  /** "Cleaning on Tuesday, March 10 at 9:00 AM". */
  spoken: string;
}

export function toAppointmentView(profile: BusinessProfile, appointment: AppointmentRow): AppointmentView {
  const serviceName =
    profile.services.find((service) => service.id === appointment.serviceId)?.name ?? 'Appointment';
  const date = localDate(profile, appointment.startAt);
  return {
    id: appointment.id,
    serviceId: appointment.serviceId,
    serviceName,
    date,
    time: localTimeOf(profile, appointment.startAt),
    status: appointment.status,
    spoken: `${serviceName} on ${formatDate(profile, date)} at ${formatTime(profile, appointment.startAt)}`,
  };
}
