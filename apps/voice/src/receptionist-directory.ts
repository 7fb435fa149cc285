import {
  afterHoursRuleOf,
  type CalendarBusyPort,
  callDisclosure,
  humanLineOf,
  isOpenAt,
  loadBusinessProfile,
} from '@receptionist/domain';
import { buildAgentInstructions, buildReceptionistTools, toBusinessBrief } from '@receptionist/receptionist';
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
    async load(businessId): Promise<CallBusiness> {
      const profile = await loadBusinessProfile(db, businessId);
      return {
        businessId,
        name: profile.name,
        greeting: profile.greeting,
        instructions: buildAgentInstructions(profile, { nowMs: now() }),
        tools: buildReceptionistTools({ db, businessId, now, calendars: options.calendars }),
        brief: toBusinessBrief(profile),
        now,
        voice: profile.voice,
        language: profile.languages[0],
        disclosure: callDisclosure(profile),
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
