import { isValidPhoneNumber, parsePhoneNumberFromString } from 'libphonenumber-js';
import { IANAZone } from 'luxon';
import { z } from 'zod';
import { DEFAULT_OUTBOUND_POLICY, OutboundPolicy } from '../outbound/policy.ts';

/** Local wall-clock time `HH:mm`, 24-hour, in the business's time zone. */
export const LocalTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a local time HH:mm')
  .describe('Local time, 24-hour HH:mm');

/** Calendar date `YYYY-MM-DD` (checked to be a real date). */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
  .refine(
    (value) =>
      !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
      new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
    'not a real calendar date',
  )
  .describe('Date, YYYY-MM-DD');

export const TimeZone = z
  .string()
  .refine((zone) => IANAZone.isValidZone(zone), 'expected an IANA time zone such as America/New_York');

/** An E.164 number that libphonenumber accepts as valid. */
export const E164 = z
  .string()
  .refine(
    (value) => /^\+[1-9]\d{6,14}$/.test(value) && isValidPhoneNumber(value),
    'expected a valid E.164 phone number',
  )
  .transform((value) => parsePhoneNumberFromString(value)?.number ?? value);

export function minutesOfDay(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

const TimeRange = z
  .object({ start: LocalTime, end: LocalTime })
  .refine((range) => minutesOfDay(range.start) < minutesOfDay(range.end), {
    message: 'a range must end after it starts',
    path: ['end'],
  });

/** One day's opening hours; breaks (lunch) must fall inside them. */
export const DayHours = z
  .object({ open: LocalTime, close: LocalTime, breaks: z.array(TimeRange).default([]) })
  .refine((day) => minutesOfDay(day.open) < minutesOfDay(day.close), {
    message: 'closing time must be after opening time',
    path: ['close'],
  })
  .refine(
    (day) =>
      day.breaks.every(
        (range) =>
          minutesOfDay(range.start) >= minutesOfDay(day.open) &&
          minutesOfDay(range.end) <= minutesOfDay(day.close),
      ),
    'breaks must fall inside opening hours',
  );

export const WEEKDAYS = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** `null` (or absent) means closed that day. */
export const WeeklyHours = z.object(
  Object.fromEntries(WEEKDAYS.map((day) => [day, DayHours.nullable().default(null)])) as Record<
    Weekday,
    z.ZodDefault<z.ZodNullable<typeof DayHours>>
  >,
);

/** A closure or holiday: whole days, `to` inclusive (defaults to `from`). */
export const Closure = z
  .object({ from: IsoDate, to: IsoDate.optional(), reason: z.string().max(200).optional() })
  .refine((closure) => closure.to === undefined || closure.to >= closure.from, {
    message: 'closure must end on or after it starts',
    path: ['to'],
  });

export const Service = z.object({
  /** Stable id, unique within the business (e.g. `cleaning`); appointments reference it. */
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'lower-case letters, digits, _ and -'),
  name: z.string().min(1).max(100),
  description: z.string().max(500).optional(),
  durationMinutes: z
    .number()
    .int()
    .min(5)
    .max(8 * 60),
  priceCents: z.number().int().min(0).optional(),
  /** Time kept free after each appointment of this service. */
  bufferMinutes: z.number().int().min(0).max(240).default(0),
});

export const BookingRules = z.object({
  /** How soon the earliest bookable slot may start. */
  leadTimeMinutes: z
    .number()
    .int()
    .min(0)
    .max(60 * 24 * 30)
    .default(60),
  /** How many days ahead callers may book. */
  horizonDays: z.number().int().min(1).max(366).default(60),
  /** Slots start on multiples of this many minutes past midnight. */
  slotGranularityMinutes: z.number().int().min(5).max(240).default(15),
  /**
   * A caller may cancel or move a booking only while it starts at least this many hours away; 0 = any
   * time. Staff and API keys (the business itself) are not held to it.
   */
  cancellationWindowHours: z
    .number()
    .int()
    .min(0)
    .max(24 * 30)
    .default(0),
});

export const FaqEntry = z.object({
  question: z.string().min(1).max(300),
  answer: z.string().min(1).max(1000),
  /** Extra words that point at this entry ("insurance", "Delta"). */
  keywords: z.array(z.string().min(1).max(50)).default([]),
});

export const TransferDestination = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/),
  name: z.string().min(1).max(100),
  /** Allow-listed number: the model picks a destination by id or name, never a number. */
  phoneNumber: E164,
  description: z.string().max(300).optional(),
});

/** A BCP-47 language tag that Intl accepts (`en-US`, `es`, `fr-CA`), kept as written. */
export const LanguageTag = z
  .string()
  .min(2)
  .max(20)
  .refine((tag) => {
    try {
      return Intl.getCanonicalLocales(tag).length === 1;
    } catch {
      return false;
    }
  }, 'expected a BCP-47 language tag such as en-US or es-MX');

/**
 * The business's content in one more language. Anything left out falls back to the primary language's
 * content (the profile's own fields), which the agent may translate while it talks.
 */
export const LocalizedContent = z
  .object({
    greeting: z.string().min(1).max(500).optional(),
    aiDisclosure: z.string().max(300).optional(),
    description: z.string().max(1000).optional(),
    /** By service id: the name and description callers hear in this language. */
    services: z
      .record(
        z.string(),
        z.object({
          name: z.string().min(1).max(100).optional(),
          description: z.string().max(500).optional(),
        }),
      )
      .default({}),
    /** The FAQ in this language; when given it replaces the primary FAQ for callers of this language. */
    faq: z.array(FaqEntry).optional(),
  })
  .strict();

export const AFTER_HOURS_BEHAVIOURS = ['take_message', 'voicemail', 'transfer'] as const;

export const Address = z.object({
  line1: z.string().min(1).max(200),
  line2: z.string().max(200).optional(),
  city: z.string().min(1).max(100),
  region: z.string().max(100).optional(),
  postalCode: z.string().max(20).optional(),
  country: z.string().max(100).default('US'),
  /** Directions or parking notes the receptionist can read out. */
  directions: z.string().max(500).optional(),
});

export const CallLimits = z.object({
  maxCallMs: z
    .number()
    .int()
    .min(60_000)
    .max(60 * 60_000)
    .default(15 * 60_000),
  /** Quiet caller, nothing playing: after this long the receptionist asks "are you still there?". */
  silenceTimeoutMs: z
    .number()
    .int()
    .min(5_000)
    .max(5 * 60_000)
    .default(10_000),
  /** After that prompt, this much more silence ends the call politely (peers: 10–30 s in all). */
  silenceHangupMs: z
    .number()
    .int()
    .min(5_000)
    .max(5 * 60_000)
    .default(15_000),
});

/** Recording whole calls: off unless the owner turns it on; files are deleted after `retentionDays`. */
export const CallRecordingSettings = z.object({
  enabled: z.boolean().default(false),
  retentionDays: z.number().int().min(1).max(3650).default(30),
});

export const BusinessProfile = z
  .object({
    name: z.string().min(1).max(120),
    timeZone: TimeZone,
    description: z.string().max(1000).optional(),
    address: Address.optional(),
    website: z.string().max(200).optional(),
    weeklyHours: WeeklyHours,
    closures: z.array(Closure).default([]),
    services: z.array(Service).default([]),
    bookingRules: BookingRules.default({
      leadTimeMinutes: 60,
      horizonDays: 60,
      slotGranularityMinutes: 15,
      cancellationWindowHours: 0,
    }),
    faq: z.array(FaqEntry).default([]),
    greeting: z.string().min(1).max(500),
    afterHours: z
      .object({
        behaviour: z.enum(AFTER_HOURS_BEHAVIOURS),
        /** For `transfer`: which destination takes after-hours calls. */
        transferDestinationId: z.string().optional(),
      })
      .default({ behaviour: 'take_message' }),
    transferDestinations: z.array(TransferDestination).default([]),
    voice: z.string().max(50).default('alloy'),
    /** BCP-47 tags of the languages callers are served in; the first is the default primary. */
    languages: z.array(z.string().min(2).max(20)).min(1).default(['en-US']),
    /** The language of the profile's own content, the greeting and the disclosure; one of `languages`. */
    primaryLanguage: LanguageTag.optional(),
    /** Content in the other served languages, keyed by their tag (see `localizeProfile`). */
    translations: z.record(z.string(), LocalizedContent).default({}),
    /** Before the stream starts, Twilio offers a keypad choice of language ("para español, oprima dos"). */
    offerLanguageChoice: z.boolean().default(false),
    /** ISO 4217 currency of the prices (read back in the caller's language's conventions). */
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as USD')
      .default('USD'),
    aiDisclosure: z.string().max(300).optional(),
    callLimits: CallLimits.default({
      maxCallMs: 15 * 60_000,
      silenceTimeoutMs: 10_000,
      silenceHangupMs: 15_000,
    }),
    /** Human number Twilio dials when the voice server cannot take the call. */
    fallbackNumber: E164.optional(),
    /**
     * ISO 3166 alpha-2 countries calls may be transferred to (transfer, human line, fallback, staff
     * phones). Unset: the business's own country (its address, else US). Checked on write and on use.
     */
    /**
     * What a caller must give before an existing booking is read, moved or cancelled: the name on file
     * while calling from the number on file, or a one-time code texted to the number on file.
     */
    callerVerification: z.enum(['caller_id_and_name', 'sms_code']).default('caller_id_and_name'),
    destinationCountries: z
      .array(z.string().regex(/^[A-Z]{2}$/))
      .max(50)
      .optional(),
    callRecording: CallRecordingSettings.default({ enabled: false, retentionDays: 30 }),
    /** Reminders, callbacks and their limits (quiet hours, daily cap, retries). */
    outbound: OutboundPolicy.default(DEFAULT_OUTBOUND_POLICY),
  })
  .superRefine((profile, ctx) => {
    const serviceIds = new Set<string>();
    for (const service of profile.services) {
      if (serviceIds.has(service.id))
        ctx.addIssue({
          code: 'custom',
          message: `duplicate service id ${service.id}`,
          path: ['services', profile.services.indexOf(service), 'id'],
        });
      serviceIds.add(service.id);
    }
    const destinationIds = new Set(profile.transferDestinations.map((destination) => destination.id));
    if (destinationIds.size !== profile.transferDestinations.length) {
      ctx.addIssue({
        code: 'custom',
        message: 'duplicate transfer destination id',
        path: ['transferDestinations'],
      });
    }
    if (profile.primaryLanguage !== undefined && !profile.languages.includes(profile.primaryLanguage)) {
      ctx.addIssue({
        code: 'custom',
        message: 'primaryLanguage must be one of languages',
        path: ['primaryLanguage'],
      });
    }
    for (const [language, content] of Object.entries(profile.translations)) {
      if (!profile.languages.includes(language))
        ctx.addIssue({ code: 'custom', message: `translations.${language}: not one of languages` });
      for (const serviceId of Object.keys(content.services))
        if (!serviceIds.has(serviceId))
          ctx.addIssue({ code: 'custom', message: `translations.${language}: unknown service ${serviceId}` });
    }
    const afterHoursTarget = profile.afterHours.transferDestinationId;
    if (
      profile.afterHours.behaviour === 'transfer' &&
      (afterHoursTarget === undefined || !destinationIds.has(afterHoursTarget))
    ) {
      ctx.addIssue({
        code: 'custom',
        message: 'after-hours transfer needs a known transferDestinationId',
        path: ['afterHours', 'transferDestinationId'],
      });
    }
  });

export type BusinessProfile = z.output<typeof BusinessProfile>;
/** What a caller of `createBusiness` / the dashboard may send: defaults filled in on parse. */
export type BusinessProfileInput = z.input<typeof BusinessProfile>;
export type ServiceProfile = z.output<typeof Service>;
export type DayHours = z.output<typeof DayHours>;
export type TransferDestination = z.output<typeof TransferDestination>;
export type FaqEntry = z.output<typeof FaqEntry>;
