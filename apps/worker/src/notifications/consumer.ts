import { planNotifications, topicsOf } from '@receptionist/domain';
import type { EventConsumerHandler } from '../handlers/business-event.ts';
import { textAnswerToCallers } from './answer-texts.ts';
import { appointmentIcsAttachment } from './appointment-ics.ts';
import { composeCallerConfirmation, composeEventNotification } from './compose.ts';
import { deliver, type NotificationChannels } from './deliver.ts';

/**
 * The `notifications` event consumer: emails and texts the owner and members who asked for this kind of
 * event, and texts a booked caller their confirmation when the business turned that on. Idempotent per
 * (event id, channel, recipient), so a retried job sends only what did not go out.
 */
export function createNotificationsConsumer(channels: NotificationChannels): EventConsumerHandler {
  return async ({ event, db, logger, signal }) => {
    if (event.type === 'question.answered') {
      await textAnswerToCallers(event, { db, logger, signal, channels });
      return;
    }
    const topics = topicsOf(event);
    if (topics.length === 0) return;
    const customer = (event.data.customer ?? {}) as { phone?: unknown };
    const callerNumber =
      event.type === 'appointment.booked' && typeof customer.phone === 'string' ? customer.phone : undefined;
    const plan = await planNotifications({
      ctx: { db },
      input: {
        businessId: event.businessId,
        topics,
        callerNumber,
        includeOwners: event.type === 'usage.threshold_reached',
      },
    });
    if (plan === undefined) return; // the business is gone
    if (plan.optedOut.length > 0)
      logger.info({ eventId: event.id, count: plan.optedOut.length }, 'opted-out numbers skipped');
    const text = composeEventNotification(event, plan.businessName);
    const ics = appointmentIcsAttachment(event, { name: plan.businessName, timeZone: plan.timeZone });
    const sms =
      plan.smsFrom === undefined ? [] : plan.sms.map((to) => ({ from: plan.smsFrom!, to, body: text.sms }));
    if (plan.smsFrom !== undefined && plan.callerSms !== undefined) {
      sms.push({
        from: plan.smsFrom,
        to: plan.callerSms,
        body: composeCallerConfirmation(event, plan.businessName),
      });
    }
    if (plan.smsFrom === undefined && (plan.sms.length > 0 || plan.callerSms !== undefined)) {
      logger.warn({ eventId: event.id }, 'SMS not sent: the business has no phone number to send from');
    }
    const result = await deliver(
      {
        businessId: event.businessId,
        eventKey: event.id,
        emails: plan.emails.map((to) => ({
          to,
          subject: text.subject,
          text: text.text,
          ...(ics === undefined ? {} : { attachments: [ics] }),
        })),
        sms,
      },
      { db, channels, logger, signal },
    );
    logger.info({ eventId: event.id, type: event.type, ...result }, 'notifications delivered');
  };
}
