import {
  afterHoursRuleOf,
  type BusinessProfile,
  callDisclosure,
  humanLineOf,
  isOpenAt,
  loadBusinessProfile,
} from '@receptionist/domain';
import type { AnyEngineTool } from '@receptionist/engine';
import { buildAgentInstructions, buildReceptionistTools, toBusinessBrief } from '@receptionist/receptionist';
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
}

/**
 * Businesses as the domain defines them, wired for calls: the profile and its call rules (opening hours,
 * human line, after-hours rule) from `@receptionist/domain`, the agent's instructions and tools from
 * `@receptionist/receptionist`. Who owns a number and each business's profile and tools are cached in
 * memory (directory-cache.ts); what depends on the moment (instructions with today's date, open now) is
 * built per call.
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
      tools: buildReceptionistTools({ db, businessId, now }),
    }));
  return {
    findByPhoneNumber: (e164) => cache.get(`number:${e164}`, () => findNumberOwner(db, e164)),
    async load(businessId): Promise<CallBusiness> {
      const { profile, tools } = await businessOf(businessId);
      const nowMs = now();
      return {
        businessId,
        name: profile.name,
        greeting: profile.greeting,
        instructions: buildAgentInstructions(profile, { nowMs }),
        tools,
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
        openNow: isOpenAt(profile, nowMs),
        afterHours: afterHoursRuleOf(profile),
        recordCalls: profile.callRecording.enabled,
      };
    },
    close: () => cache.close(),
  };
}
