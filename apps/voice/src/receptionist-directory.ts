import {
  afterHoursRuleOf,
  type CalendarBusyPort,
  callDisclosure,
  humanLineOf,
  isOpenAt,
  loadDomainContext,
  loadOutboundCallBrief,
  localizeProfile,
  matchServedLanguage,
  type OutboundCallBrief,
  primaryLanguageOf,
  servedLanguages,
} from '@receptionist/domain';
import type { CallPurpose } from '@receptionist/engine';
import {
  buildAgentInstructions,
  buildReceptionistTools,
  languageMenuOf,
  receptionistCommitments,
  toBusinessBrief,
} from '@receptionist/receptionist';
import type { BusinessDirectory, CallBusiness } from './business-directory.ts';
import { type Database, findNumberOwner } from './db-reads/index.ts';

/**
 * Businesses as the domain defines them, wired for calls: the profile and its call rules (opening hours,
 * human line, after-hours rule) from `@receptionist/domain`, the agent's instructions and tools from
 * `@receptionist/receptionist`.
 */
export function receptionistDirectory(
  db: Database,
  now: () => number,
  options: { calendars?: CalendarBusyPort | undefined } = {},
): BusinessDirectory {
  return {
    findByPhoneNumber: (e164) => findNumberOwner(db, e164),
    async load(businessId, call): Promise<CallBusiness> {
      const ctx = await loadDomainContext(db, businessId, { actor: { kind: 'system' }, nowMs: now() });
      const stored = ctx.profile;
      // The caller's keypad choice when it names a served language, else the primary one.
      const language = matchServedLanguage(stored, call.language) ?? primaryLanguageOf(stored);
      const profile = localizeProfile(stored, language);
      const outbound = await loadOutboundCallBrief({ ctx, input: { callId: call.callId } });
      return {
        businessId,
        name: profile.name,
        greeting: outbound?.opening ?? profile.greeting,
        instructions: buildAgentInstructions(stored, { nowMs: now(), language, outbound }),
        purpose: outbound === undefined ? undefined : purposeOf(outbound),
        tools: buildReceptionistTools({ db, businessId, now, calendars: options.calendars }),
        brief: toBusinessBrief(profile),
        now,
        voice: profile.voice,
        language,
        languages: servedLanguages(stored),
        languageMenu: languageMenuOf(stored),
        commitments: receptionistCommitments,
        disclosure: callDisclosure(stored, language),
        limits: {
          maxCallMs: profile.callLimits.maxCallMs,
          silenceTimeoutMs: profile.callLimits.silenceTimeoutMs,
        },
        humanLine: humanLineOf(profile),
        openNow: isOpenAt(profile, now()),
        afterHours: afterHoursRuleOf(profile),
        recordCalls: profile.callRecording.enabled,
      };
    },
  };
}

/** The engine-neutral purpose of an outbound call: its kind and the facts the offline dialogue reads. */
function purposeOf(brief: OutboundCallBrief): CallPurpose {
  const facts: Record<string, string> = {};
  if (brief.appointment) {
    facts.appointmentId = brief.appointment.id;
    facts.date = brief.appointment.date;
    facts.time = brief.appointment.time;
    facts.spoken = brief.appointment.spoken;
  }
  if (brief.message) facts.messageId = brief.message.id;
  if (brief.note) facts.note = brief.note;
  return { kind: brief.purpose, facts };
}
