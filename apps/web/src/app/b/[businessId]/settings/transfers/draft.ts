import type { BusinessProfile } from '@receptionist/domain';
import { listFrom, optionalText, withIds } from '../../../../../components/settings/form-values.ts';

export interface DestinationDraft {
  /** '' until saved; the after-hours rule and the agent refer to it. */
  id: string;
  name: string;
  phoneNumber: string;
  description: string;
}

export interface TransfersDraft {
  destinations: DestinationDraft[];
  fallbackNumber: string;
  /** ISO 3166 alpha-2 codes, comma separated; empty: the business's own country. */
  destinationCountries: string;
}

export function transfersDraft(profile: BusinessProfile): TransfersDraft {
  return {
    destinations: profile.transferDestinations.map((d) => ({
      id: d.id,
      name: d.name,
      phoneNumber: d.phoneNumber,
      description: d.description ?? '',
    })),
    fallbackNumber: profile.fallbackNumber ?? '',
    destinationCountries: (profile.destinationCountries ?? []).join(', '),
  };
}

/** Numbers as people type them ("+1 (202) 555-0123") → the digits E.164 wants; the schema judges the rest. */
export function phoneFrom(text: string): string {
  return text.replace(/[\s().-]/g, '');
}

export function transfersPatch(draft: TransfersDraft): Record<string, unknown> {
  const countries = listFrom(draft.destinationCountries).map((code) => code.toUpperCase());
  const fallback = phoneFrom(draft.fallbackNumber);
  return {
    transferDestinations: withIds(draft.destinations, 'destination').map((d) => ({
      id: d.id,
      name: d.name.trim(),
      phoneNumber: phoneFrom(d.phoneNumber),
      description: optionalText(d.description),
    })),
    fallbackNumber: fallback === '' ? undefined : fallback,
    destinationCountries: countries.length === 0 ? undefined : countries,
  };
}
