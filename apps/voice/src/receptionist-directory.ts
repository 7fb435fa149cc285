import { type Database, findBusinessByPhoneNumber } from '@receptionist/db';
import {
  aiDisclosure,
  type BusinessProfile,
  dayOpening,
  loadBusinessProfile,
  localDate,
  localTimeOf,
  minutesOfDay,
} from '@receptionist/domain';
import { buildAgentInstructions, buildReceptionistTools, toBusinessBrief } from '@receptionist/receptionist';
import type { BusinessDirectory, CallBusiness, HumanLine } from './business-directory.ts';

/** Open at `atMs` in the business's own time zone (weekly hours, breaks and closures). */
export function isOpenAt(profile: BusinessProfile, atMs: number): boolean {
  const opening = dayOpening(profile, localDate(profile, atMs));
  if (!opening.open) return false;
  const minute = minutesOfDay(localTimeOf(profile, atMs));
  return opening.windows.some((window) => window.startMinute <= minute && minute < window.endMinute);
}

function humanLineOf(profile: BusinessProfile): HumanLine | undefined {
  const [first] = profile.transferDestinations;
  if (profile.fallbackNumber) {
    const named = profile.transferDestinations.find(
      (destination) => destination.phoneNumber === profile.fallbackNumber,
    );
    return { name: named?.name ?? 'our team', phoneNumber: profile.fallbackNumber };
  }
  return first ? { name: first.name, phoneNumber: first.phoneNumber } : undefined;
}

/** Businesses as the receptionist domain defines them, read from the database. */
export function receptionistDirectory(db: Database, now: () => number): BusinessDirectory {
  return {
    async findByPhoneNumber(e164) {
      const business = await findBusinessByPhoneNumber(db, e164);
      return business ? { businessId: business.id } : undefined;
    },
    async load(businessId): Promise<CallBusiness> {
      const profile = await loadBusinessProfile(db, businessId);
      const afterHoursTarget = profile.transferDestinations.find(
        (destination) => destination.id === profile.afterHours.transferDestinationId,
      );
      return {
        businessId,
        name: profile.name,
        greeting: profile.greeting,
        instructions: buildAgentInstructions(profile, { nowMs: now() }),
        tools: buildReceptionistTools({ db, businessId, now }),
        brief: toBusinessBrief(profile),
        now,
        voice: profile.voice,
        language: profile.languages[0],
        disclosure: aiDisclosure(profile),
        limits: {
          maxCallMs: profile.callLimits.maxCallMs,
          silenceTimeoutMs: profile.callLimits.silenceTimeoutMs,
        },
        humanLine: humanLineOf(profile),
        openNow: isOpenAt(profile, now()),
        afterHours: {
          behaviour: profile.afterHours.behaviour,
          transferTo: afterHoursTarget
            ? { name: afterHoursTarget.name, phoneNumber: afterHoursTarget.phoneNumber }
            : undefined,
        },
      };
    },
  };
}
