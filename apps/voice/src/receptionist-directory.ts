import {
  afterHoursRuleOf,
  callDisclosure,
  humanLineOf,
  isOpenAt,
  loadBusinessProfile,
  localizeProfile,
  matchServedLanguage,
  primaryLanguageOf,
  servedLanguages,
} from '@receptionist/domain';
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
export function receptionistDirectory(db: Database, now: () => number): BusinessDirectory {
  return {
    findByPhoneNumber: (e164) => findNumberOwner(db, e164),
    async load(businessId, call): Promise<CallBusiness> {
      const stored = await loadBusinessProfile(db, businessId);
      // The caller's keypad choice when it names a served language, else the primary one.
      const language = matchServedLanguage(stored, call.language) ?? primaryLanguageOf(stored);
      const profile = localizeProfile(stored, language);
      return {
        businessId,
        name: profile.name,
        greeting: profile.greeting,
        instructions: buildAgentInstructions(stored, { nowMs: now(), language }),
        tools: buildReceptionistTools({ db, businessId, now }),
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
