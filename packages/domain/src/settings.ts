import type { Executor } from '@receptionist/db';
import { primaryLanguageOf } from './profile/languages.ts';
import type { BusinessProfile } from './profile/schema.ts';
import { loadBusinessProfile } from './profile/store.ts';

/** What the call session needs to police a call. */
export interface CallSettings {
  maxCallMs: number;
  silenceTimeoutMs: number;
  /** After the silence prompt, this much more silence ends the call politely. */
  silenceHangupMs: number;
  greeting: string;
  voice: string;
  /** BCP-47, the business's primary language. */
  language: string;
  /** Human number for Twilio's fallback verbs, when configured. */
  fallbackNumber: string | undefined;
}

export function callSettingsFromProfile(profile: BusinessProfile): CallSettings {
  return {
    maxCallMs: profile.callLimits.maxCallMs,
    silenceTimeoutMs: profile.callLimits.silenceTimeoutMs,
    silenceHangupMs: profile.callLimits.silenceHangupMs,
    greeting: profile.greeting,
    voice: profile.voice,
    language: primaryLanguageOf(profile),
    fallbackNumber: profile.fallbackNumber,
  };
}

/** The business's call limits and voice settings. */
export async function getSettings(db: Executor, businessId: string): Promise<CallSettings> {
  return callSettingsFromProfile(await loadBusinessProfile(db, businessId));
}
