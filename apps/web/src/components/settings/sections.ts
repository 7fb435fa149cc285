import type { BusinessProfile } from '@receptionist/domain';

/**
 * The settings pages: each edits a few top-level profile fields (its save may write only those) and
 * says in one line what they hold now, for the settings index.
 */
export interface SettingsSection {
  slug: string;
  title: string;
  /** Top-level profile fields this page's form saves. */
  keys: ReadonlyArray<keyof BusinessProfile>;
  summary: (profile: BusinessProfile) => string;
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function minutes(ms: number): string {
  return ms % 60_000 === 0 ? `${ms / 60_000} min` : `${Math.round(ms / 1000)} s`;
}

const AFTER_HOURS_WORDS: Record<BusinessProfile['afterHours']['behaviour'], string> = {
  take_message: 'Take a message',
  voicemail: 'Voicemail',
  transfer: 'Transfer',
};

export const PROFILE_SECTIONS: readonly SettingsSection[] = [
  {
    slug: 'business',
    title: 'Business details',
    keys: ['name', 'timeZone', 'description', 'website', 'address', 'voice', 'currency'],
    summary: (p) => `${p.name} · ${p.timeZone} · voice ${p.voice}`,
  },
  {
    slug: 'hours',
    title: 'Hours & breaks',
    keys: ['weeklyHours'],
    summary: (p) => {
      const open = Object.values(p.weeklyHours).filter((day) => day !== null);
      const breaks = open.reduce((sum, day) => sum + day.breaks.length, 0);
      return `Open ${count(open.length, 'day')} a week, ${count(breaks, 'break')}`;
    },
  },
  {
    slug: 'closures',
    title: 'Closures & holidays',
    keys: ['closures'],
    summary: (p) =>
      p.closures.length === 0
        ? 'None planned'
        : `${count(p.closures.length, 'closure')}, first ${p.closures.map((c) => c.from).sort()[0]}`,
  },
  {
    slug: 'after-hours',
    title: 'After hours',
    keys: ['afterHours'],
    summary: (p) => {
      const target = p.transferDestinations.find((d) => d.id === p.afterHours.transferDestinationId);
      return `${AFTER_HOURS_WORDS[p.afterHours.behaviour]}${target ? ` to ${target.name}` : ''}`;
    },
  },
  {
    slug: 'services',
    title: 'Services',
    keys: ['services', 'translations'],
    summary: (p) =>
      p.services.length === 0 ? 'No bookable services' : p.services.map((s) => s.name).join(', '),
  },
  {
    slug: 'faq',
    title: 'Questions & answers',
    keys: ['faq'],
    summary: (p) => count(p.faq.length, 'answer'),
  },
  {
    slug: 'transfers',
    title: 'Transfers',
    keys: ['transferDestinations', 'fallbackNumber', 'destinationCountries'],
    summary: (p) =>
      `${count(p.transferDestinations.length, 'destination')}${p.fallbackNumber ? `, fallback ${p.fallbackNumber}` : ', no fallback number'}`,
  },
  {
    slug: 'languages',
    title: 'Languages',
    keys: ['languages', 'primaryLanguage', 'offerLanguageChoice', 'translations'],
    summary: (p) => `${p.languages.join(', ')}${p.offerLanguageChoice ? ' · keypad choice offered' : ''}`,
  },
  {
    slug: 'greeting',
    title: 'Greeting & AI disclosure',
    keys: ['greeting', 'aiDisclosure'],
    summary: (p) => `“${p.greeting}”`,
  },
  {
    slug: 'booking',
    title: 'Booking rules',
    keys: ['bookingRules', 'callerVerification'],
    summary: ({ bookingRules: r }) =>
      `${r.leadTimeMinutes} min notice, ${r.horizonDays} days ahead, every ${r.slotGranularityMinutes} min, ${
        r.cancellationWindowHours === 0
          ? 'cancel any time'
          : `cancel up to ${r.cancellationWindowHours} h before`
      }`,
  },
  {
    slug: 'call-limits',
    title: 'Call limits',
    keys: ['callLimits'],
    summary: ({ callLimits: l }) =>
      `Up to ${minutes(l.maxCallMs)}; “still there?” after ${minutes(l.silenceTimeoutMs)}, ends ${minutes(l.silenceHangupMs)} later`,
  },
  {
    slug: 'recording',
    title: 'Recording & retention',
    keys: ['callRecording'],
    summary: ({ callRecording: r }) =>
      r.enabled ? `Recording, kept ${count(r.retentionDays, 'day')}` : 'Not recording',
  },
];

export function sectionBySlug(slug: string): SettingsSection | undefined {
  return PROFILE_SECTIONS.find((section) => section.slug === slug);
}
