import { z } from 'zod';

const LocalClock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:mm');

/**
 * How the business lets the receptionist reach out: reminders, the callee's quiet hours, a daily cap and
 * retries. Part of the business profile (`outbound`), so the dashboard edits it with the rest.
 */
export const OutboundPolicy = z.object({
  reminders: z
    .object({
      enabled: z.boolean().default(false),
      /** How long before the appointment the reminder goes out. */
      hoursBefore: z.number().int().min(1).max(168).default(24),
      channels: z
        .array(z.enum(['sms', 'call']))
        .min(1)
        .default(['sms']),
    })
    .default({ enabled: false, hoursBefore: 24, channels: ['sms'] }),
  /** Calls and texts only between these local times of the callee (start inclusive, end exclusive). */
  quietHours: z
    .object({ allowedFrom: LocalClock.default('08:00'), allowedUntil: LocalClock.default('21:00') })
    .default({ allowedFrom: '08:00', allowedUntil: '21:00' }),
  /** Outbound calls dialled per business per local day (the business's zone); a retry counts its call once. */
  dailyCallCap: z.number().int().min(0).max(10_000).default(50),
  /** Attempts per outbound call (the first included) and the wait after a busy / no answer. */
  retry: z
    .object({
      maxAttempts: z.number().int().min(1).max(5).default(2),
      delayMinutes: z.number().int().min(1).max(1440).default(30),
    })
    .default({ maxAttempts: 2, delayMinutes: 30 }),
  /** A slot freed by a cancellation is texted to people waiting for that service. */
  waitlistOffers: z.boolean().default(true),
  /** How many waiting people one freed slot is offered to at once (first YES wins). */
  waitlistOfferSize: z.number().int().min(1).max(20).default(3),
});
export type OutboundPolicy = z.output<typeof OutboundPolicy>;

export const DEFAULT_OUTBOUND_POLICY: OutboundPolicy = OutboundPolicy.parse({});
