import { type BusinessEvent, buildIcs } from '@receptionist/domain';

/**
 * The `.ics` attached to a booking email, so the owner adds (or updates, or removes) the appointment in
 * any calendar app with one tap. Built from the event's snapshot; the UID is the appointment's, so a
 * move or cancellation replaces the earlier invitation (METHOD:REQUEST / CANCEL, SEQUENCE from the
 * event's time so each change supersedes the last).
 */
export function appointmentIcsAttachment(
  event: BusinessEvent,
  business: { name: string; timeZone: string },
): { filename: string; content: string; contentType: string } | undefined {
  const data = event.data;
  if (!event.type.startsWith('appointment.')) return undefined;
  if (
    typeof data.appointmentId !== 'string' ||
    typeof data.startAt !== 'number' ||
    typeof data.endAt !== 'number'
  ) {
    return undefined;
  }
  const cancelled = event.type === 'appointment.cancelled';
  const customer = (data.customer ?? {}) as { name?: unknown };
  const service = typeof data.serviceName === 'string' ? data.serviceName : 'Appointment';
  const content = buildIcs({
    name: business.name,
    timeZone: business.timeZone,
    method: cancelled ? 'cancel' : 'request',
    nowMs: event.occurredAt,
    entries: [
      {
        appointmentId: data.appointmentId,
        startAt: data.startAt,
        endAt: data.endAt,
        summary:
          typeof customer.name === 'string'
            ? `${service} — ${customer.name}`
            : `${service} at ${business.name}`,
        cancelled,
        sequence: Math.floor(event.occurredAt / 60_000) % 2_000_000_000,
      },
    ],
  });
  return {
    filename: 'appointment.ics',
    content,
    contentType: `text/calendar; charset=utf-8; method=${cancelled ? 'CANCEL' : 'REQUEST'}`,
  };
}
