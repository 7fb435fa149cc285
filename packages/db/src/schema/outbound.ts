import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { businesses } from './businesses.ts';
import { createdAtColumn, idColumn, updatedAtColumn } from './columns.ts';

/** Why the receptionist places a call: the agent's opening and instructions follow from it. */
export const OUTBOUND_PURPOSES = ['reminder', 'callback', 'waitlist_offer', 'custom'] as const;
export type OutboundPurpose = (typeof OUTBOUND_PURPOSES)[number];

/**
 * Where an outbound call request stands. `queued` waits for its dial job (quiet hours, a retry delay);
 * `dialing` has been handed to Twilio; the rest are final.
 */
export const OUTBOUND_STATUSES = [
  'queued',
  'dialing',
  'answered',
  'voicemail',
  'no_answer',
  'busy',
  'failed',
  'skipped',
] as const;
export type OutboundStatus = (typeof OUTBOUND_STATUSES)[number];

/**
 * One call the receptionist places, with its purpose and context. Its call-log row (`calls`, direction
 * `outbound`) has the same lifetime; each retry dials again under the same call id with a new CallSid.
 */
export const outboundCalls = sqliteTable(
  'outbound_calls',
  {
    id: idColumn('obc'),
    businessId: text('business_id')
      .notNull()
      .references(() => businesses.id, { onDelete: 'cascade' }),
    /** The call-log row (`calls.id`) this request dials under. */
    callId: text('call_id').notNull(),
    purpose: text('purpose', { enum: OUTBOUND_PURPOSES }).notNull(),
    /** E.164 of the callee. */
    toNumber: text('to_number').notNull(),
    /** Caller ID: always one of the business's own numbers. */
    fromNumber: text('from_number').notNull(),
    appointmentId: text('appointment_id'),
    /** The appointment's start when the call was asked for: a moved appointment skips a stale reminder. */
    appointmentStartAt: integer('appointment_start_at'),
    messageId: text('message_id'),
    /** Free text for the agent (what a `custom` call is about, a waitlist slot…). */
    note: text('note'),
    status: text('status', { enum: OUTBOUND_STATUSES }).notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    /** When the next dial may happen (quiet hours, retry delay), epoch ms. */
    nextAttemptAt: integer('next_attempt_at').notNull(),
    /** The current attempt's CallSid. */
    twilioCallSid: text('twilio_call_sid'),
    /** Twilio's AMD verdict (`human`, `machine_end_beep`, …). */
    answeredBy: text('answered_by'),
    lastError: text('last_error'),
    /** When the last attempt was handed to Twilio (the daily cap counts these). */
    lastDialAt: integer('last_dial_at'),
    /** Deduplicates requests (reminders: `reminder:<appointment id>:<start>`). */
    dedupeKey: text('dedupe_key'),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    uniqueIndex('outbound_calls_call_unique').on(t.callId),
    uniqueIndex('outbound_calls_dedupe_unique').on(t.businessId, t.dedupeKey),
    index('outbound_calls_sid_idx').on(t.twilioCallSid),
    index('outbound_calls_business_dial_idx').on(t.businessId, t.lastDialAt),
  ],
);
export type OutboundCallRow = typeof outboundCalls.$inferSelect;

export const REMINDER_CHANNELS = ['sms', 'call'] as const;
export type ReminderChannel = (typeof REMINDER_CHANNELS)[number];

export const REMINDER_STATUSES = ['scheduled', 'sent', 'skipped', 'failed'] as const;
export type ReminderStatus = (typeof REMINDER_STATUSES)[number];

/**
 * One reminder of one appointment at one start time on one channel. The unique key is what makes
 * reminders idempotent: scheduling twice, a replayed event or a restarted worker find the row already there.
 */
export const appointmentReminders = sqliteTable(
  'appointment_reminders',
  {
    id: idColumn('rem'),
    businessId: text('business_id')
      .notNull()
      .references(() => businesses.id, { onDelete: 'cascade' }),
    appointmentId: text('appointment_id').notNull(),
    /** The start the reminder is for; a moved appointment gets a new row, the old one is skipped. */
    startAt: integer('start_at').notNull(),
    channel: text('channel', { enum: REMINDER_CHANNELS }).notNull(),
    status: text('status', { enum: REMINDER_STATUSES }).notNull().default('scheduled'),
    runAt: integer('run_at').notNull(),
    /** Why it was skipped or failed (`appointment_cancelled`, `appointment_moved`, `past`, `opted_out`…). */
    detail: text('detail'),
    /** The customer's answer by text or voice: `confirmed`, `cancelled`, `reschedule_requested`. */
    reply: text('reply'),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    uniqueIndex('appointment_reminders_key_unique').on(t.appointmentId, t.startAt, t.channel),
    index('appointment_reminders_business_idx').on(t.businessId, t.runAt),
  ],
);
export type AppointmentReminderRow = typeof appointmentReminders.$inferSelect;

/** Numbers the business must never call or text (asked in person, by the owner, or by STOP). */
export const doNotContact = sqliteTable(
  'do_not_contact',
  {
    id: idColumn('dnc'),
    businessId: text('business_id')
      .notNull()
      .references(() => businesses.id, { onDelete: 'cascade' }),
    phoneNumber: text('phone_number').notNull(),
    reason: text('reason'),
    createdAt: createdAtColumn(),
  },
  (t) => [uniqueIndex('do_not_contact_business_number_unique').on(t.businessId, t.phoneNumber)],
);
export type DoNotContactRow = typeof doNotContact.$inferSelect;

export const WAITLIST_STATUSES = ['waiting', 'offered', 'booked', 'removed'] as const;
export type WaitlistStatus = (typeof WAITLIST_STATUSES)[number];

/** People who want an earlier slot for a service: a cancellation offers them the freed time by SMS. */
export const waitlistEntries = sqliteTable(
  'waitlist_entries',
  {
    id: idColumn('wle'),
    businessId: text('business_id')
      .notNull()
      .references(() => businesses.id, { onDelete: 'cascade' }),
    customerId: text('customer_id').notNull(),
    phone: text('phone').notNull(),
    serviceId: text('service_id').notNull(),
    status: text('status', { enum: WAITLIST_STATUSES }).notNull().default('waiting'),
    /** The slot last offered to this person (epoch ms) and the appointment they got, if any. */
    offeredStartAt: integer('offered_start_at'),
    offeredAt: integer('offered_at'),
    appointmentId: text('appointment_id'),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [index('waitlist_entries_business_service_idx').on(t.businessId, t.serviceId, t.status)],
);
export type WaitlistEntryRow = typeof waitlistEntries.$inferSelect;
