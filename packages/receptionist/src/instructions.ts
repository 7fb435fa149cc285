import type { BusinessProfile } from '@receptionist/domain';
import {
  aiDisclosure,
  describeAddress,
  describeHours,
  describeService,
  isOpenAt,
  joinWords,
  languageName,
  localizeProfile,
  missingTranslations,
  primaryLanguageOf,
  servedLanguages,
} from '@receptionist/domain';
import type { BusinessBrief } from '@receptionist/engine';
import { DateTime } from 'luxon';

const AFTER_HOURS_TEXT: Record<BusinessProfile['afterHours']['behaviour'], string> = {
  take_message: 'Outside opening hours, offer to take a message (take_message).',
  voicemail:
    'Outside opening hours, offer to take a message; someone listens to messages the next working day.',
  transfer: 'Outside opening hours, offer to transfer the caller (transfer_call) to the after-hours contact.',
};

/**
 * The receptionist agent's instructions, built from the profile at call start (`nowMs`, the call's clock,
 * gives the model today's local date). Facts the tools can fetch are kept short here: the agent must
 * call tools for availability and bookings, never invent them.
 */
export function buildAgentInstructions(
  stored: BusinessProfile,
  options: {
    nowMs: number;
    language?: string | undefined;
    /** Set when the agent placed the call: why, and what it is about. */
    outbound?: { context: string[] } | undefined;
  },
): string {
  const { nowMs } = options;
  const language = options.language ?? primaryLanguageOf(stored);
  // The business's content in the call's language where it was translated, the primary's where not.
  const profile = localizeProfile(stored, language);
  const local = DateTime.fromMillis(nowMs, { zone: profile.timeZone });
  const openNow = isOpenAt(profile, nowMs);
  const address = describeAddress(profile);
  const destinations = profile.transferDestinations.map((destination) =>
    destination.description ? `${destination.name} (${destination.description})` : destination.name,
  );
  const lines = [
    `You are the phone receptionist for ${profile.name}. ${profile.description ?? ''}`.trim(),
    `If asked, say: "${aiDisclosure(profile)}" Never pretend to be human.`,
    `The business is in the ${profile.timeZone} time zone; all dates and times you say or pass to tools are local to it. Tools take dates as YYYY-MM-DD and times as 24-hour HH:mm.`,
    `Today is ${local.toFormat('cccc, LLLL d, yyyy')} (${local.toISODate()}) and it is ${local.toFormat('h:mm a')} there. Work out dates like "tomorrow" or "next Tuesday" from this.`,
    `Hours: ${describeHours(profile)} The business is ${openNow ? 'open' : 'closed'} right now.`,
    address ? `Address: ${address}` : undefined,
    profile.services.length > 0
      ? `Services: ${joinWords(profile.services.map(describeService))}.`
      : 'The business does not take bookings by phone.',
    destinations.length > 0
      ? `You can transfer calls to: ${joinWords(destinations)}. Transfer only to these, by name.`
      : 'You cannot transfer calls; offer to take a message instead.',
    openNow ? undefined : AFTER_HOURS_TEXT[profile.afterHours.behaviour],
    '',
    'How to work:',
    '- Keep replies short and warm: one or two sentences, one question at a time. This is a phone call.',
    "- Before you say a time is free, call check_availability. Before booking, confirm service, date, time and the caller's name, then call book_appointment.",
    profile.callerVerification === 'sms_code'
      ? '- For existing bookings use find_my_appointments, reschedule_appointment and cancel_appointment. Before any of them works the caller must read back a code: call send_verification_code (with the number the booking is under if it is not the one they call from), ask for the code, and pass it as verificationCode.'
      : '- For existing bookings use find_my_appointments, reschedule_appointment and cancel_appointment, always with the name the booking is under (ask for it). They only work when the caller calls from the number the booking was made with; otherwise offer to take a message.',
    profile.bookingRules.cancellationWindowHours > 0
      ? `- Callers may move or cancel a booking only up to ${profile.bookingRules.cancellationWindowHours} hours before it starts; closer than that, offer to take a message.`
      : undefined,
    '- Answer questions about the business with answer_question or get_business_info; if there is no answer, offer to take a message.',
    '- When a tool result has ok: false, tell the caller its message in your own words and offer the alternatives it gives.',
    '- Read phone numbers and times back to confirm them. Never make up prices, times, policies or phone numbers.',
    '- When the caller is done, say goodbye and call end_call.',
    "- Only say something was booked, moved, cancelled, passed on or transferred after the tool that does it succeeded; tool data's `spoken` texts are already in the caller's language.",
    ...languageLines(stored, language),
  ];
  if (options.outbound) lines.push('', 'This call:', ...options.outbound.context.map((line) => `- ${line}`));
  return lines.filter((line) => line !== undefined).join('\n');
}

/** Which languages the agent speaks, and what to do about content nobody translated. */
function languageLines(profile: BusinessProfile, language: string): string[] {
  const served = servedLanguages(profile);
  const missing = missingTranslations(profile, language);
  const lines = [
    '',
    `Languages: this business serves callers in ${served.map((tag) => `${languageName(tag, 'en')} (${tag})`).join(', ')}. This call starts in ${languageName(language, 'en')} (${language}).`,
  ];
  if (served.length > 1)
    lines.push(
      "Answer in the caller's language and switch when they do. Say dates, times, prices and phone numbers the way speakers of that language do.",
    );
  if (missing.length > 0)
    lines.push(
      `Some business details above are written in ${languageName(primaryLanguageOf(profile), 'en')} only (${missing.join(', ')}): translate them as you speak.`,
    );
  return lines;
}

/** The engine-neutral summary the local engine and the speech recognizer use. */
export function toBusinessBrief(profile: BusinessProfile): BusinessBrief {
  const vocabulary = new Set<string>();
  const add = (text: string | undefined) => {
    for (const word of (text ?? '').split(/[^\p{L}\p{N}'-]+/u)) if (word.length > 1) vocabulary.add(word);
  };
  add(profile.name);
  for (const service of profile.services) add(service.name);
  for (const destination of profile.transferDestinations) add(destination.name);
  add(profile.address?.line1);
  add(profile.address?.city);
  for (const entry of profile.faq) for (const keyword of entry.keywords) add(keyword);
  return {
    name: profile.name,
    timeZone: profile.timeZone,
    services: profile.services.map((service) => ({
      id: service.id,
      name: service.name,
      durationMinutes: service.durationMinutes,
      priceCents: service.priceCents,
    })),
    transferDestinations: profile.transferDestinations.map(({ id, name }) => ({ id, name })),
    vocabulary: [...vocabulary],
    phrases: [
      profile.description,
      ...profile.services.map((service) => service.description),
      ...profile.faq.flatMap((entry) => [entry.question, entry.answer]),
    ].filter((phrase): phrase is string => phrase !== undefined && phrase !== ''),
    openingHours: Object.fromEntries(
      Object.entries(profile.weeklyHours).map(([day, hours]) => [
        day,
        hours === null ? null : { open: hours.open, close: hours.close },
      ]),
    ),
  };
}
