import { slugify } from '../settings/form-values.ts';
import { WEEKDAYS, type Weekday } from '../settings/weekdays.ts';
import { defaultLanguagesDraft, type LanguagesDraft, languagesDraftToInput } from './language-draft.ts';

export { WEEKDAYS, type Weekday };

/**
 * The onboarding wizard's editable, form-friendly shape of a new business's profile (strings for inputs),
 * and its conversion to profile input. The server validates the result with the real zod schema. (A
 * stored profile is edited page by page in settings, each page with its own draft.)
 */

export interface DayDraft {
  open: boolean;
  from: string;
  to: string;
  /** A day may have several breaks (a lunch and an afternoon one); a row left blank is dropped. */
  breaks: Array<{ start: string; end: string }>;
}

export interface ServiceDraft {
  id: string;
  name: string;
  durationMinutes: string;
  price: string;
  bufferMinutes: string;
}

export interface ProfileDraft {
  name: string;
  timeZone: string;
  description: string;
  greeting: string;
  voice: string;
  hours: Record<Weekday, DayDraft>;
  services: ServiceDraft[];
  faq: Array<{ question: string; answer: string }>;
  transfers: Array<{ id: string; name: string; phoneNumber: string }>;
  maxCallMinutes: string;
  silenceTimeoutSeconds: string;
  /** After the "are you still there?" prompt, how much more silence ends the call. */
  silenceHangupSeconds: string;
  /** Call recording (off by default); the caller is told when it is on. */
  recordCalls: boolean;
  recordingRetentionDays: string;
  /** Served languages, the keypad choice and the content in the other languages (language-draft.ts). */
  languages: LanguagesDraft;
}

export const VOICES = ['alloy', 'ash', 'ballad', 'coral', 'echo', 'sage', 'shimmer', 'verse'] as const;

export function defaultDraft(): ProfileDraft {
  const weekday = (): DayDraft => ({
    open: true,
    from: '09:00',
    to: '17:00',
    breaks: [{ start: '12:00', end: '13:00' }],
  });
  const closed = (): DayDraft => ({ open: false, from: '09:00', to: '17:00', breaks: [] });
  return {
    name: '',
    timeZone: 'America/New_York',
    description: '',
    greeting: '',
    voice: 'alloy',
    hours: {
      monday: weekday(),
      tuesday: weekday(),
      wednesday: weekday(),
      thursday: weekday(),
      friday: weekday(),
      saturday: closed(),
      sunday: closed(),
    },
    services: [{ id: '', name: 'Consultation', durationMinutes: '30', price: '', bufferMinutes: '0' }],
    faq: [],
    transfers: [],
    maxCallMinutes: '15',
    silenceTimeoutSeconds: '10',
    silenceHangupSeconds: '15',
    recordCalls: false,
    recordingRetentionDays: '30',
    languages: defaultLanguagesDraft(),
  };
}

function numberOr(text: string, fallback: number): number {
  const value = Number(text);
  return text.trim() !== '' && Number.isFinite(value) ? value : fallback;
}

/** Draft → profile input for `BusinessProfile.parse` (the server does the validation). */
export function draftToProfileInput(
  draft: ProfileDraft,
  base: Record<string, unknown> = {},
): Record<string, unknown> {
  const weeklyHours = Object.fromEntries(
    WEEKDAYS.map((day) => {
      const hours = draft.hours[day];
      if (!hours.open) return [day, null];
      const breaks = hours.breaks
        .filter((range) => range.start !== '' || range.end !== '')
        .map((range) => ({ start: range.start, end: range.end }));
      return [day, { open: hours.from, close: hours.to, breaks }];
    }),
  );
  const usedIds = new Set<string>();
  const services = draft.services
    .filter((service) => service.name.trim() !== '')
    .map((service, index) => {
      let id = service.id || slugify(service.name, `service-${index + 1}`);
      while (usedIds.has(id)) id = `${id}-${index + 1}`;
      usedIds.add(id);
      const price = service.price.trim();
      return {
        id,
        name: service.name.trim(),
        durationMinutes: numberOr(service.durationMinutes, 30),
        ...(price === '' ? {} : { priceCents: Math.round(numberOr(price, 0) * 100) }),
        bufferMinutes: numberOr(service.bufferMinutes, 0),
      };
    });
  const transferIds = new Set<string>();
  const transferDestinations = draft.transfers
    .filter((transfer) => transfer.name.trim() !== '' || transfer.phoneNumber.trim() !== '')
    .map((transfer, index) => {
      let id = transfer.id || slugify(transfer.name, `destination-${index + 1}`);
      while (transferIds.has(id)) id = `${id}-${index + 1}`;
      transferIds.add(id);
      return { id, name: transfer.name.trim(), phoneNumber: transfer.phoneNumber.replace(/[\s()-]/g, '') };
    });
  const name = draft.name.trim();
  return {
    ...base,
    name,
    timeZone: draft.timeZone,
    ...(draft.description.trim() ? { description: draft.description.trim() } : {}),
    greeting: draft.greeting.trim() || `Thanks for calling ${name}. How can I help you today?`,
    voice: draft.voice,
    weeklyHours,
    services,
    faq: draft.faq
      .filter((entry) => entry.question.trim() !== '' && entry.answer.trim() !== '')
      .map((entry) => ({ question: entry.question.trim(), answer: entry.answer.trim(), keywords: [] })),
    transferDestinations,
    callLimits: {
      maxCallMs: Math.round(numberOr(draft.maxCallMinutes, 15) * 60_000),
      silenceTimeoutMs: Math.round(numberOr(draft.silenceTimeoutSeconds, 10) * 1000),
      silenceHangupMs: Math.round(numberOr(draft.silenceHangupSeconds, 15) * 1000),
    },
    callRecording: {
      enabled: draft.recordCalls,
      retentionDays: Math.round(numberOr(draft.recordingRetentionDays, 30)),
    },
    ...languagesDraftToInput(
      draft.languages,
      services.map((service) => service.id),
    ),
  };
}
