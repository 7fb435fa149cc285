import { type Executor, recordNotificationSend, wasNotificationSent } from '@receptionist/domain';
import type { Logger } from 'pino';
import type { Mailer, OutgoingEmail } from './mailer.ts';
import { SmsRefusedError, type SmsSender } from './twilio-sms.ts';

/** The configured ways out; either may be missing (no SMTP_URL, no Twilio credentials). */
export interface NotificationChannels {
  mailer: Mailer | undefined;
  sms: SmsSender | undefined;
}

export interface Delivery {
  businessId: string;
  /** Idempotency key: the event id, or `digest:<date>`. */
  eventKey: string;
  emails: OutgoingEmail[];
  sms: Array<{ from: string; to: string; body: string }>;
}

/**
 * Sends every email and SMS of one notification that is not already recorded as sent, and records each
 * right after the provider accepted it, so a retry (SMTP down, a crash) sends only what is missing.
 * Every recipient is tried even when one fails; the first transient failure is rethrown at the end so
 * the job is retried. A permanent SMS refusal is recorded as failed and not retried.
 */
export async function deliver(
  delivery: Delivery,
  deps: { db: Executor; channels: NotificationChannels; logger: Logger; signal: AbortSignal },
): Promise<{ sent: number; skipped: number }> {
  const { db, channels, logger } = deps;
  const key = { businessId: delivery.businessId, eventKey: delivery.eventKey };
  let sent = 0;
  let skipped = 0;
  let failure: unknown;

  for (const email of delivery.emails) {
    if (deps.signal.aborted) break;
    if (channels.mailer === undefined) {
      logger.warn({ eventKey: delivery.eventKey }, 'email notification not sent: SMTP_URL is not set');
      break;
    }
    if (
      await wasNotificationSent({ ctx: { db }, input: { ...key, channel: 'email', recipient: email.to } })
    ) {
      skipped += 1;
      continue;
    }
    try {
      const { messageId } = await channels.mailer.send(email);
      await recordNotificationSend({
        ctx: { db },
        input: { ...key, channel: 'email', recipient: email.to, status: 'sent', providerId: messageId },
      });
      sent += 1;
    } catch (error) {
      logger.warn({ err: error, eventKey: delivery.eventKey }, 'email notification failed');
      failure ??= error;
    }
  }

  for (const sms of delivery.sms) {
    if (deps.signal.aborted) break;
    if (channels.sms === undefined) {
      logger.warn({ eventKey: delivery.eventKey }, 'SMS notification not sent: Twilio is not configured');
      break;
    }
    if (await wasNotificationSent({ ctx: { db }, input: { ...key, channel: 'sms', recipient: sms.to } })) {
      skipped += 1;
      continue;
    }
    try {
      const message = await channels.sms.send(sms);
      await recordNotificationSend({
        ctx: { db },
        input: { ...key, channel: 'sms', recipient: sms.to, status: message.status, providerId: message.sid },
      });
      sent += 1;
    } catch (error) {
      if (error instanceof SmsRefusedError) {
        logger.warn({ eventKey: delivery.eventKey, code: error.twilioCode }, 'SMS refused');
        await recordNotificationSend({
          ctx: { db },
          input: {
            ...key,
            channel: 'sms',
            recipient: sms.to,
            status: 'failed',
            errorCode: String(error.twilioCode),
          },
        });
        continue;
      }
      logger.warn({ err: error, eventKey: delivery.eventKey }, 'SMS notification failed');
      failure ??= error;
    }
  }
  if (failure !== undefined) throw failure;
  return { sent, skipped };
}
