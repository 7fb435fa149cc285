import { z } from 'zod';

/**
 * What happened in a business that someone outside the call may want to hear about: the owner
 * (notifications), the owner's systems (outgoing webhooks). Names follow the public webhook event names.
 */
export const BUSINESS_EVENT_TYPES = [
  'call.ended',
  'call.analyzed',
  'appointment.booked',
  'appointment.rescheduled',
  'appointment.cancelled',
  'message.taken',
  'voicemail.received',
  /** The owner answered a question callers asked (it joined the FAQ); may be texted to those callers. */
  'question.answered',
  /** An outgoing webhook endpoint failed for its whole retry window and was switched off: tell the owner. */
  'webhook.disabled',
  /** The period's usage reached 80 % or 100 % of the plan's minutes: tell the owner (billing/). */
  'usage.threshold_reached',
  /** A calendar connection needs the owner (Google refused its refresh token, or a change made in Google could not be applied). */
  'calendar.needs_attention',
] as const;
export type BusinessEventType = (typeof BUSINESS_EVENT_TYPES)[number];

/**
 * One event as the outbox keeps it. `id` is stable across retries, so every consumer can use it as its
 * idempotency key (nothing is sent twice for one event). `data` is a plain JSON snapshot taken when the
 * event happened: consumers must not need to read rows that may have changed since.
 */
export const BusinessEvent = z.object({
  id: z.string().min(1).max(100),
  type: z.enum(BUSINESS_EVENT_TYPES),
  businessId: z.string().min(1).max(100),
  /** Epoch ms, from the verb's clock. */
  occurredAt: z.number().int().nonnegative(),
  data: z.record(z.string(), z.unknown()),
});
export type BusinessEvent = z.infer<typeof BusinessEvent>;

/**
 * The consumers of business events. Each gets its own job per event, so one consumer failing (an SMTP
 * server down) is retried without re-running the others. A consumer is listed here once its handler
 * exists in apps/worker; the worker dead-letters jobs for a consumer it has no handler for.
 */
export const EVENT_CONSUMERS: readonly string[] = [
  'webhooks', // outgoing webhooks (apps/worker/src/webhooks/)
  'notifications', // email and SMS to the owner and the caller (apps/worker/src/notifications/)
  'outbound', // appointment reminders and waitlist offers (apps/worker/src/outbound/)
  'calendar', // bookings mirrored to the connected Google calendar (apps/worker/src/calendar/)
];

/**
 * Consumers that want only some event types (no entry: every type). The calendar mirrors bookings only,
 * so other events do not cost it a job each.
 */
export const CONSUMER_EVENT_TYPES: Readonly<Partial<Record<string, readonly BusinessEventType[]>>> = {
  calendar: ['appointment.booked', 'appointment.rescheduled', 'appointment.cancelled'],
};

/** Whether a consumer receives events of this type: all of them, unless it lists the types it takes. */
export function consumerTakes(consumer: string, type: BusinessEventType): boolean {
  return CONSUMER_EVENT_TYPES[consumer]?.includes(type) ?? true;
}
