import type { BusinessProfile } from '@receptionist/domain';
import { numberFrom } from '../../../../../components/settings/form-values.ts';

export interface BookingDraft {
  leadTimeMinutes: string;
  horizonDays: string;
  slotGranularityMinutes: string;
  cancellationWindowHours: string;
  callerVerification: BusinessProfile['callerVerification'];
}

export function bookingDraft(profile: BusinessProfile): BookingDraft {
  const rules = profile.bookingRules;
  return {
    leadTimeMinutes: String(rules.leadTimeMinutes),
    horizonDays: String(rules.horizonDays),
    slotGranularityMinutes: String(rules.slotGranularityMinutes),
    cancellationWindowHours: String(rules.cancellationWindowHours),
    callerVerification: profile.callerVerification,
  };
}

export function bookingPatch(draft: BookingDraft): Record<string, unknown> {
  return {
    bookingRules: {
      leadTimeMinutes: numberFrom(draft.leadTimeMinutes),
      horizonDays: numberFrom(draft.horizonDays),
      slotGranularityMinutes: numberFrom(draft.slotGranularityMinutes),
      cancellationWindowHours: numberFrom(draft.cancellationWindowHours),
    },
    callerVerification: draft.callerVerification,
  };
}
