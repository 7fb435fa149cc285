import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { businesses } from './businesses.ts';
import { createdAtColumn, idColumn, updatedAtColumn } from './columns.ts';

/** What the owner can be told about. `urgent_message` is sent at once, apart from `message`. */
export const NOTIFICATION_TOPICS = [
  'message',
  'urgent_message',
  'booking',
  'voicemail',
  'daily_digest',
] as const;
export type NotificationTopic = (typeof NOTIFICATION_TOPICS)[number];

export const NOTIFICATION_CHANNELS = ['email', 'sms'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/**
 * Who is told what, one row per business (`userId` = '') and one per member who chose their own. A
 * member's emails go to their sign-in address; the business row lists extra addresses and the owner's SMS
 * number. '' rather than NULL so the unique index holds for the business row too.
 */
export const notificationSettings = sqliteTable(
  'notification_settings',
  {
    id: idColumn('nst'),
    businessId: text('business_id')
      .notNull()
      .references(() => businesses.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull().default(''),
    emails: text('emails', { mode: 'json' }).$type<string[]>().notNull(),
    smsNumber: text('sms_number'),
    emailTopics: text('email_topics', { mode: 'json' }).$type<NotificationTopic[]>().notNull(),
    smsTopics: text('sms_topics', { mode: 'json' }).$type<NotificationTopic[]>().notNull(),
    /** Business row only: text the caller a confirmation when the receptionist books them. */
    callerConfirmationSms: integer('caller_confirmation_sms', { mode: 'boolean' }).notNull().default(false),
    /** Business row only: local hour (business time zone) of the daily digest. */
    digestHour: integer('digest_hour').notNull().default(18),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [uniqueIndex('notification_settings_business_user_uq').on(t.businessId, t.userId)],
);
export type NotificationSettingsRow = typeof notificationSettings.$inferSelect;

/**
 * One row per notification sent: the idempotency record (checked before sending, written after), and for
 * SMS the delivery status Twilio reports back. `eventKey` is the business event id, or `digest:<date>`.
 */
export const notificationSends = sqliteTable(
  'notification_sends',
  {
    id: idColumn('nsd'),
    businessId: text('business_id')
      .notNull()
      .references(() => businesses.id, { onDelete: 'cascade' }),
    eventKey: text('event_key').notNull(),
    channel: text('channel', { enum: NOTIFICATION_CHANNELS }).notNull(),
    recipient: text('recipient').notNull(),
    /** `sent` for email; Twilio's message status for SMS (`queued`, `sent`, `delivered`, `failed`, …). */
    status: text('status').notNull(),
    /** Twilio message SID or SMTP message id. */
    providerId: text('provider_id'),
    errorCode: text('error_code'),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    uniqueIndex('notification_sends_event_channel_recipient_uq').on(t.eventKey, t.channel, t.recipient),
    index('notification_sends_provider_idx').on(t.providerId),
  ],
);
export type NotificationSendRow = typeof notificationSends.$inferSelect;

/** Numbers that texted STOP to one of the business's numbers (START clears it). No SMS goes to them. */
export const smsOptOuts = sqliteTable(
  'sms_opt_outs',
  {
    id: idColumn('sop'),
    businessId: text('business_id')
      .notNull()
      .references(() => businesses.id, { onDelete: 'cascade' }),
    phoneNumber: text('phone_number').notNull(),
    optedOut: integer('opted_out', { mode: 'boolean' }).notNull(),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [uniqueIndex('sms_opt_outs_business_number_uq').on(t.businessId, t.phoneNumber)],
);

/** The business-days whose digest job is queued, so a retried handler never queues a day twice. */
export const notificationDigests = sqliteTable(
  'notification_digests',
  {
    id: idColumn('ndg'),
    businessId: text('business_id')
      .notNull()
      .references(() => businesses.id, { onDelete: 'cascade' }),
    /** Local date (YYYY-MM-DD) in the business's zone. */
    date: text('date').notNull(),
    runAt: integer('run_at').notNull(),
    createdAt: createdAtColumn(),
  },
  (t) => [uniqueIndex('notification_digests_business_date_uq').on(t.businessId, t.date)],
);
