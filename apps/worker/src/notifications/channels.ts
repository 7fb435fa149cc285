import type { NotificationSettings } from '../env.ts';
import type { NotificationChannels } from './deliver.ts';
import { createSmtpMailer } from './mailer.ts';
import { createTwilioSms } from './twilio-sms.ts';

/** The email and SMS senders the configuration allows (none configured: notifications are logged, not sent). */
export function createNotificationChannels(settings: NotificationSettings): NotificationChannels {
  return {
    mailer:
      settings.smtpUrl === undefined
        ? undefined
        : createSmtpMailer({ smtpUrl: settings.smtpUrl, from: settings.emailFrom }),
    sms:
      settings.twilio === undefined
        ? undefined
        : createTwilioSms({ ...settings.twilio, statusCallbackUrl: settings.smsStatusCallbackUrl }),
  };
}
