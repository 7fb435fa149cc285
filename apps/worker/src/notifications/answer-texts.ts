import { answerRecipients, type BusinessEvent } from '@receptionist/domain';
import type { EventConsumerContext } from '../handlers/business-event.ts';
import { deliver, type NotificationChannels } from './deliver.ts';

/**
 * `question.answered` with calls to text: each caller who asked gets the owner's answer once (the sends
 * table keys it by event, channel and number), except numbers that texted STOP.
 */
export async function textAnswerToCallers(
  event: BusinessEvent,
  context: Pick<EventConsumerContext, 'db' | 'logger' | 'signal'> & { channels: NotificationChannels },
): Promise<void> {
  const callIds = Array.isArray(event.data.textCallIds) ? event.data.textCallIds.map(String) : [];
  if (callIds.length === 0) return;
  const { db, logger } = context;
  const recipients = await answerRecipients({
    ctx: { db },
    input: { businessId: event.businessId, callIds },
  });
  if (recipients.smsFrom === undefined) {
    logger.warn({ eventId: event.id }, 'answer not texted: the business has no phone number to send from');
    return;
  }
  const body = composeAnswerText(event, recipients.businessName);
  const result = await deliver(
    {
      businessId: event.businessId,
      eventKey: event.id,
      emails: [],
      sms: recipients.numbers.map((to) => ({ from: recipients.smsFrom!, to, body })),
    },
    context,
  );
  logger.info({ eventId: event.id, optedOut: recipients.optedOut, ...result }, 'answer texted to callers');
}

/** "Bright Smile Dental: you asked "Do you take Delta?" Yes, we accept Delta Dental PPO." */
export function composeAnswerText(event: BusinessEvent, businessName: string): string {
  const question = String(event.data.question ?? '').slice(0, 200);
  const answer = String(event.data.answer ?? '').slice(0, 1_000);
  return `${businessName}: you asked "${question}" ${answer}`;
}
