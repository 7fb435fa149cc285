import { formatWallTime, joinWords } from '../availability/index.ts';
import { baseLanguage, matchServedLanguage, primaryLanguageOf } from './languages.ts';
import type { BusinessProfile, DayHours, ServiceProfile } from './schema.ts';
import { WEEKDAYS } from './schema.ts';

// Plain sentences about the business, shared by the tools and the agent instructions.

const DAY_NAMES: Record<(typeof WEEKDAYS)[number], string> = {
  monday: 'Monday',
  tuesday: 'Tuesday',
  wednesday: 'Wednesday',
  thursday: 'Thursday',
  friday: 'Friday',
  saturday: 'Saturday',
  sunday: 'Sunday',
};

function dayHoursText(hours: DayHours): string {
  const base = `${formatWallTime(hours.open)} to ${formatWallTime(hours.close)}`;
  if (hours.breaks.length === 0) return base;
  const breaks = hours.breaks.map(
    (range) => `${formatWallTime(range.start)} to ${formatWallTime(range.end)}`,
  );
  return `${base}, closed ${joinWords(breaks)}`;
}

/** "Monday to Friday 9:00 AM to 5:00 PM, closed 12:00 PM to 1:00 PM; closed Saturday and Sunday." */
export function describeHours(profile: BusinessProfile): string {
  const groups: Array<{ days: string[]; text: string }> = [];
  const closed: string[] = [];
  for (const day of WEEKDAYS) {
    const hours = profile.weeklyHours[day];
    if (hours === null) {
      closed.push(DAY_NAMES[day]);
      continue;
    }
    const text = dayHoursText(hours);
    const last = groups[groups.length - 1];
    const previousDay = WEEKDAYS[WEEKDAYS.indexOf(day) - 1];
    if (
      last !== undefined &&
      last.text === text &&
      previousDay &&
      last.days.at(-1) === DAY_NAMES[previousDay]
    ) {
      last.days.push(DAY_NAMES[day]);
    } else {
      groups.push({ days: [DAY_NAMES[day]], text });
    }
  }
  const open = groups.map((group) => {
    const days = group.days.length > 2 ? `${group.days[0]} to ${group.days.at(-1)}` : joinWords(group.days);
    return `${days} ${group.text}`;
  });
  const parts = [...open];
  if (closed.length > 0) parts.push(`closed ${joinWords(closed)}`);
  return parts.length === 0 ? 'We have no regular opening hours.' : `${parts.join('; ')}.`;
}

export function describeAddress(profile: BusinessProfile): string | undefined {
  const address = profile.address;
  if (address === undefined) return undefined;
  const line = [
    address.line1,
    address.line2,
    address.city,
    [address.region, address.postalCode].filter(Boolean).join(' '),
  ]
    .filter((part) => part !== undefined && part !== '')
    .join(', ');
  return address.directions ? `${line}. ${address.directions}` : line;
}

export function formatPrice(priceCents: number | undefined): string | undefined {
  if (priceCents === undefined) return undefined;
  const dollars = priceCents / 100;
  return Number.isInteger(dollars) ? `$${dollars}` : `$${dollars.toFixed(2)}`;
}

/** "Cleaning (60 minutes, $120)". */
export function describeService(service: ServiceProfile): string {
  const price = formatPrice(service.priceCents);
  return `${service.name} (${service.durationMinutes} minutes${price ? `, ${price}` : ''})`;
}

export function describeServices(profile: BusinessProfile): string {
  if (profile.services.length === 0) return 'We do not take bookings by phone.';
  return `We offer ${joinWords(profile.services.map(describeService))}.`;
}

/** Said after the AI disclosure when the business records calls: the caller is told before anything is kept. */
export const RECORDING_DISCLOSURE = 'This call is recorded.';

/** The default disclosures in the languages we word them in (English otherwise). */
const DISCLOSURES: Record<string, { ai: (name: string) => string; recorded: string }> = {
  en: { ai: (name) => `I'm an AI assistant for ${name}.`, recorded: RECORDING_DISCLOSURE },
  es: {
    ai: (name) => `Soy un asistente de inteligencia artificial de ${name}.`,
    recorded: 'Esta llamada se graba.',
  },
  fr: {
    ai: (name) => `Je suis un assistant d'intelligence artificielle de ${name}.`,
    recorded: 'Cet appel est enregistré.',
  },
  de: { ai: (name) => `Ich bin ein KI-Assistent von ${name}.`, recorded: 'Dieser Anruf wird aufgezeichnet.' },
  pt: {
    ai: (name) => `Sou um assistente de inteligência artificial de ${name}.`,
    recorded: 'Esta chamada é gravada.',
  },
  it: {
    ai: (name) => `Sono un assistente di intelligenza artificiale di ${name}.`,
    recorded: 'Questa chiamata è registrata.',
  },
};

/**
 * Everything Twilio says before the AI hears the caller: the AI disclosure, and the recording notice if any,
 * in the call's `language` (default: the primary). The business's own disclosure is used in its language;
 * in another language without a translation of it, the default sentence in that language is said instead,
 * so the caller understands it.
 */
export function callDisclosure(profile: BusinessProfile, language?: string): string {
  const served = matchServedLanguage(profile, language ?? '') ?? primaryLanguageOf(profile);
  const own =
    served === primaryLanguageOf(profile)
      ? profile.aiDisclosure
      : (profile.translations[served]?.aiDisclosure ?? undefined);
  const words = DISCLOSURES[baseLanguage(served)] ?? DISCLOSURES.en;
  const trimmed = own?.trim() ?? '';
  const ai = trimmed !== '' ? trimmed : words ? words.ai(profile.name) : aiDisclosure(profile);
  const recorded = words?.recorded ?? RECORDING_DISCLOSURE;
  return profile.callRecording.enabled ? `${ai} ${recorded}` : ai;
}

/**
 * The AI disclosure line, defaulting to a plain one. A blank one counts as unset: callers always hear that
 * they are talking to an AI before it hears them.
 */
export function aiDisclosure(profile: BusinessProfile): string {
  const own = profile.aiDisclosure?.trim() ?? '';
  return own === '' ? `I'm an AI assistant for ${profile.name}.` : own;
}
