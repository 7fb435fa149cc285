import {
  afterHoursRuleOf,
  type BusinessProfile,
  type CalendarBusyPort,
  callDisclosure,
  humanLineOf,
  isOpenAt,
  loadBusinessProfile,
  loadOutboundCallBrief,
  localizeProfile,
  matchServedLanguage,
  type OutboundCallBrief,
  primaryLanguageOf,
  servedLanguages,
  tenantContext,
} from '@receptionist/domain';
import type { AnyEngineTool, CallPurpose } from '@receptionist/engine';
import {
  buildAgentInstructions,
  buildReceptionistTools,
  languageMenuOf,
  receptionistCommitments,
  toBusinessBrief,
} from '@receptionist/receptionist';
import pino, { type Logger } from 'pino';
import type { BusinessDirectory, CallBusiness } from './business-directory.ts';
import { type Database, directoryVersion, findNumberOwner } from './db-reads/index.ts';
import { DirectoryCache } from './directory-cache.ts';

export interface ReceptionistDirectoryOptions {
  /** How often other processes' profile and number changes are looked for (default 1 s). */
  refreshMs?: number;
  /** Entries are reloaded at least this often (default 60 s). */
  maxAgeMs?: number;
  logger?: Logger;
  /** The live freeBusy check bookings make before they commit, when a calendar is connected. */
  calendars?: CalendarBusyPort | undefined;
}

/**
 * Businesses as the domain defines them, wired for calls: the profile and its call rules (opening hours,
 * human line, after-hours rule) from `@receptionist/domain`, the agent's instructions and tools from
 * `@receptionist/receptionist`. Who owns a number and each business's profile and tools are cached in
 * memory (directory-cache.ts); what depends on the moment (instructions with today's date, open now, the
 * caller's language, an outbound call's purpose) is built per call.
 */
export function receptionistDirectory(
  db: Database,
  now: () => number,
  options: ReceptionistDirectoryOptions = {},
): BusinessDirectory {
  const cache = new DirectoryCache({
    versionOf: () => directoryVersion(db),
    refreshMs: options.refreshMs ?? 1_000,
    maxAgeMs: options.maxAgeMs ?? 60_000,
    logger: options.logger ?? pino({ level: 'silent' }),
  });
  const businessOf = (businessId: string) =>
    cache.get<{ profile: BusinessProfile; tools: AnyEngineTool[] }>(`business:${businessId}`, async () => ({
      profile: await loadBusinessProfile(db, businessId),
      tools: buildReceptionistTools({ db, businessId, now, calendars: options.calendars }),
    }));
  return {
    findByPhoneNumber: (e164) => cache.get(`number:${e164}`, () => findNumberOwner(db, e164)),
    async load(businessId, call): Promise<CallBusiness> {
      const { profile: stored, tools } = await businessOf(businessId);
      const nowMs = now();
      // The caller's keypad choice when it names a served language, else the primary one.
      const language = matchServedLanguage(stored, call.language) ?? primaryLanguageOf(stored);
      const { profile, ...derived } = derivedFor(stored, language);
      // A call the receptionist placed carries its purpose (one indexed read); a call that rang in has none,
      // so nothing is read for it: its stream starts from memory.
      const ctx = { ...tenantContext(db, businessId, { kind: 'system' }), profile: stored, nowMs };
      const outbound =
        call.direction === 'inbound'
          ? undefined
          : await loadOutboundCallBrief({ ctx, input: { callId: call.callId } });
      let instructions: string | undefined;
      let openNow: boolean | undefined;
      return {
        businessId,
        name: profile.name,
        greeting: outbound?.opening ?? profile.greeting,
        // Built when first read: the webhook answers without them, the stream start reads them.
        get instructions(): string {
          instructions ??= buildAgentInstructions(stored, { nowMs, language, outbound });
          return instructions;
        },
        purpose: outbound === undefined ? undefined : purposeOf(outbound),
        tools,
        brief: derived.brief,
        now,
        voice: profile.voice,
        language,
        languages: derived.languages,
        languageMenu: derived.languageMenu,
        commitments: receptionistCommitments,
        disclosure: derived.disclosure,
        limits: {
          maxCallMs: profile.callLimits.maxCallMs,
          silenceTimeoutMs: profile.callLimits.silenceTimeoutMs,
          silenceHangupMs: profile.callLimits.silenceHangupMs,
        },
        humanLine: derived.humanLine,
        // Read by the webhook only (the after-hours rule); the stream start does not pay for it.
        get openNow(): boolean {
          openNow ??= isOpenAt(profile, nowMs);
          return openNow;
        },
        afterHours: derived.afterHours,
        recordCalls: profile.callRecording.enabled,
      };
    },
    close: () => cache.close(),
  };
}

/** What a call's business is made of that depends only on the stored profile and the call's language. */
interface ProfileDerived {
  profile: BusinessProfile;
  brief: CallBusiness['brief'];
  languages: readonly string[];
  languageMenu: CallBusiness['languageMenu'];
  disclosure: string;
  humanLine: CallBusiness['humanLine'];
  afterHours: CallBusiness['afterHours'];
}

/**
 * Built once per cached profile and language, not twice per call (webhook and stream start): the phone
 * number checks behind the human line and the after-hours rule (libphonenumber), the localized profile
 * and its brief were a tenth of the relay's own work while 100 calls arrived. A reloaded profile is a new
 * object, so its entries go with the old one. Frozen: every call of the business shares them.
 */
const derivedByProfile = new WeakMap<BusinessProfile, Map<string, ProfileDerived>>();

function derivedFor(stored: BusinessProfile, language: string): ProfileDerived {
  let byLanguage = derivedByProfile.get(stored);
  if (byLanguage === undefined) {
    byLanguage = new Map();
    derivedByProfile.set(stored, byLanguage);
  }
  const known = byLanguage.get(language);
  if (known !== undefined) return known;
  const profile = localizeProfile(stored, language);
  const derived: ProfileDerived = Object.freeze({
    profile,
    brief: Object.freeze(toBusinessBrief(profile)),
    languages: Object.freeze(servedLanguages(stored)),
    languageMenu: languageMenuOf(stored),
    disclosure: callDisclosure(stored, language),
    humanLine: humanLineOf(profile),
    afterHours: Object.freeze(afterHoursRuleOf(profile)),
  });
  byLanguage.set(language, derived);
  return derived;
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
