import type { CalendarSettings } from '@receptionist/calendar-sync';
import { openCalendarSession } from '@receptionist/calendar-sync';
import { type AppointmentRow, saveCalendarEventLink, tenantContext } from '@receptionist/domain';
import { GoogleCalendarError } from '@receptionist/google-calendar';
import { PermanentJobError } from '../errors.ts';
import type { EventConsumerHandler } from '../handlers/business-event.ts';

const SYSTEM = { kind: 'system' } as const;

/**
 * The `calendar` event consumer: mirrors a booking, move or cancellation into the booking calendar of
 * every working connection. It writes the appointment's current state rather than the event's snapshot,
 * so retries and out-of-order events converge; the event id is derived from the appointment id and a
 * private extended property holds it, so a retried insert never makes a second event. The business has
 * one calendar of appointments (not assigned to staff), so each staff connection with a booking
 * calendar receives every booking too.
 */
export function createCalendarConsumer(settings: CalendarSettings | undefined): EventConsumerHandler {
  return async ({ event, db, now, logger }) => {
    const appointmentId = typeof event.data.appointmentId === 'string' ? event.data.appointmentId : undefined;
    if (appointmentId === undefined) return;
    const tenant = tenantContext(db, event.businessId, SYSTEM).tenant;
    const connections = (await tenant.calendar.listConnections()).filter(
      (connection) => connection.status === 'connected' && connection.bookingCalendarId !== null,
    );
    if (connections.length === 0) return;
    if (settings === undefined) {
      logger.warn(
        { eventId: event.id },
        'calendar connected but Google Calendar is not configured: not mirrored',
      );
      return;
    }
    const appointment = await tenant.appointments.get(appointmentId);
    if (appointment === undefined) return;
    const business = await tenant.business.get();
    const timeZone = business?.timeZone ?? 'UTC';
    const customer = await tenant.customers.get(appointment.customerId);
    const service = typeof event.data.serviceName === 'string' ? event.data.serviceName : 'Appointment';
    for (const connection of connections) {
      const session = await openCalendarSession({
        db,
        businessId: event.businessId,
        connectionId: connection.id,
        settings,
        now,
        logger,
      });
      try {
        await session.run(async (api) => {
          const link = await tenant.calendar.getLink(appointment.id, connection.id);
          const calendarId = link?.calendarId ?? connection.bookingCalendarId!;
          const input = eventInput(appointment, {
            service,
            customerName: customer?.name,
            customerPhone: customer?.phone,
            timeZone,
          });
          if (appointment.status === 'cancelled') {
            if (link === undefined || link.deletedAt !== null) return;
            await api.deleteEvent(link.calendarId, link.externalEventId);
            await saveCalendarEventLink({ ctx: { tenant }, input: { ...link, deletedAt: now() } });
            return;
          }
          if (link !== undefined && link.deletedAt !== null) return; // the owner deleted it in Google
          if (link !== undefined && link.startAt === appointment.startAt && link.endAt === appointment.endAt)
            return;
          if (link !== undefined) await api.moveEvent(link.calendarId, link.externalEventId, input);
          const externalEventId = link?.externalEventId ?? (await api.insertEvent(calendarId, input)).id;
          await saveCalendarEventLink({
            ctx: { tenant },
            input: {
              appointmentId: appointment.id,
              connectionId: connection.id,
              calendarId,
              externalEventId,
              startAt: appointment.startAt,
              endAt: appointment.endAt,
              deletedAt: null,
            },
          });
        });
      } catch (error) {
        if (error instanceof GoogleCalendarError && error.kind === 'reconnect') {
          throw new PermanentJobError('the calendar must be reconnected', { cause: error });
        }
        throw error;
      }
    }
  };
}

function eventInput(
  appointment: AppointmentRow,
  details: {
    service: string;
    customerName: string | null | undefined;
    customerPhone: string | undefined;
    timeZone: string;
  },
) {
  const lines = [
    details.customerPhone ? `Phone: ${details.customerPhone}` : undefined,
    appointment.notes ?? undefined,
  ];
  return {
    appointmentId: appointment.id,
    summary: details.customerName ? `${details.service} — ${details.customerName}` : details.service,
    description: lines.filter((line) => line !== undefined).join('\n') || undefined,
    startMs: appointment.startAt,
    endMs: appointment.endAt,
    timeZone: details.timeZone,
  };
}
