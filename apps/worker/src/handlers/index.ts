import type { PolarBilling } from '@receptionist/billing';
import type { CalendarSettings } from '@receptionist/calendar-sync';
import { JOB_KINDS } from '@receptionist/domain';
import type { CallAnalyzer } from '../analysis/analyzer.ts';
import { createCalendarConsumer } from '../calendar/consumer.ts';
import { calendarSyncHandler } from '../calendar/sync-handler.ts';
import { createNotificationsConsumer } from '../notifications/consumer.ts';
import type { NotificationChannels } from '../notifications/deliver.ts';
import { createDigestHandler } from '../notifications/digest-handler.ts';
import { createOutboundConsumer } from '../outbound/consumer.ts';
import { outboundDialHandler } from '../outbound/dial-handler.ts';
import { reminderDueHandler } from '../outbound/reminder-handler.ts';
import type { CallPlacer } from '../outbound/twilio-calls.ts';
import { createRecordingStore } from '../voicemail/recording-store.ts';
import { webhooksConsumer } from '../webhooks/consumer.ts';
import {
  DEFAULT_WEBHOOK_SETTINGS,
  type WebhookSettings,
  webhookDeliverHandler,
} from '../webhooks/deliver.ts';
import { billingMeterHandler } from './billing-meter.ts';
import { businessEventHandler, type EventConsumerHandler } from './business-event.ts';
import { createCallEndedHandler } from './call-ended.ts';
import { callerCodeSendHandler } from './caller-code-send.ts';
import { callRecordingExpiredHandler } from './call-recording-expired.ts';
import type { JobHandlers } from './registry.ts';
import { type VoicemailDeps, voicemailReceivedHandler } from './voicemail-received.ts';

export * from './billing-meter.ts';
export * from './business-event.ts';
export * from './polar.ts';
export * from './call-recording-expired.ts';
export * from './caller-code-send.ts';
export * from './registry.ts';
export * from './voicemail-received.ts';

/**
 * The consumers of business events this worker serves, by the names in the domain's EVENT_CONSUMERS.
 * Each cold-path feature (notifications, webhooks…) adds its consumer here and its name there.
 * (`notifications` is added in createDefaultHandlers: it needs the SMTP / Twilio channels built from env.)
 */
export const EVENT_CONSUMER_HANDLERS: Readonly<Record<string, EventConsumerHandler>> = {
  webhooks: webhooksConsumer,
};

const NO_CHANNELS: NotificationChannels = { mailer: undefined, sms: undefined };

/** The handlers a production worker runs. */
export function createDefaultHandlers(
  options: {
    consumers?: Readonly<Record<string, EventConsumerHandler>>;
    webhooks?: WebhookSettings | undefined;
    /** How `call.ended` analyses a call; deterministic when not given (see `createCallAnalyzer`). */
    analyzer?: CallAnalyzer;
    /** Email / SMS senders (createNotificationChannels); without them notifications are logged, not sent. */
    notifications?: NotificationChannels;
    /** Voicemail fetching and transcription; without it voicemail jobs dead-letter with the reason. */
    voicemail?: VoicemailDeps | undefined;
    /** The recordings folder, where expired call recordings are deleted from. */
    recordingsDir?: string | undefined;
    /** Polar, for meter events (createPolarBilling); without it usage is recorded but not sent. */
    polar?: PolarBilling | undefined;
    /** Twilio's Calls API (createTwilioCallPlacer); without it outbound dial jobs dead-letter with the reason. */
    outboundCalls?: CallPlacer | undefined;
    /** Google Calendar sync (calendarSettingsFrom); without it calendar jobs do nothing or dead-letter. */
    calendar?: CalendarSettings | undefined;
  } = {},
): JobHandlers {
  const channels = options.notifications ?? NO_CHANNELS;
  return {
    [JOB_KINDS.callEnded]: createCallEndedHandler(options.analyzer),
    [JOB_KINDS.webhookDeliver]: webhookDeliverHandler(options.webhooks ?? DEFAULT_WEBHOOK_SETTINGS),
    [JOB_KINDS.businessEvent]: businessEventHandler(
      options.consumers ?? {
        ...EVENT_CONSUMER_HANDLERS,
        notifications: createNotificationsConsumer(channels),
        outbound: createOutboundConsumer(channels),
        calendar: createCalendarConsumer(options.calendar),
      },
    ),
    [JOB_KINDS.outboundDial]: outboundDialHandler(options.outboundCalls),
    [JOB_KINDS.reminderDue]: reminderDueHandler(channels),
    [JOB_KINDS.notificationDigest]: createDigestHandler(channels),
    [JOB_KINDS.voicemailReceived]: voicemailReceivedHandler(options.voicemail),
    [JOB_KINDS.calendarSync]: calendarSyncHandler(options.calendar),
    [JOB_KINDS.callRecordingExpired]: callRecordingExpiredHandler(
      createRecordingStore(options.recordingsDir ?? './data/recordings'),
    ),
    [JOB_KINDS.billingMeter]: billingMeterHandler(options.polar),
    [JOB_KINDS.callerCodeSend]: callerCodeSendHandler(channels.sms),
  };
}
