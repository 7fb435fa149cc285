import { loadDomainContext, offerFreedSlot, scheduleAppointmentReminders } from '@receptionist/domain';
import type { EventConsumerHandler } from '../handlers/business-event.ts';
import { deliver, type NotificationChannels } from '../notifications/deliver.ts';

/**
 * The `outbound` event consumer: a booking made or moved gets its reminders scheduled (idempotent per
 * appointment, start and channel); a cancelled one offers its freed slot to the waitlist by SMS (sent
 * once per event and recipient).
 */
export function createOutboundConsumer(channels: NotificationChannels): EventConsumerHandler {
  return async ({ event, db, now, logger, signal }) => {
    const appointmentId = typeof event.data.appointmentId === 'string' ? event.data.appointmentId : undefined;
    if (appointmentId === undefined) return;
    if (
      event.type !== 'appointment.booked' &&
      event.type !== 'appointment.rescheduled' &&
      event.type !== 'appointment.cancelled'
    )
      return;
    const ctx = await loadDomainContext(db, event.businessId, { actor: { kind: 'system' }, nowMs: now() });
    if (event.type !== 'appointment.cancelled') {
      const scheduled = await scheduleAppointmentReminders({ ctx, input: { appointmentId } });
      if (scheduled.length > 0)
        logger.info({ appointmentId, count: scheduled.length }, 'reminders scheduled');
      return;
    }
    const { serviceId, startAt } = event.data;
    if (typeof serviceId !== 'string' || typeof startAt !== 'number') return;
    const offers = await offerFreedSlot({ ctx, input: { serviceId, startAt } });
    if (offers.length === 0) return;
    const result = await deliver(
      {
        businessId: event.businessId,
        eventKey: `waitlist:${event.id}`,
        emails: [],
        sms: offers.map(({ from, to, body }) => ({ from, to, body })),
      },
      { db, channels, logger, signal },
    );
    logger.info({ appointmentId, offers: offers.length, ...result }, 'freed slot offered to the waitlist');
  };
}
