import type { BusinessProfile } from '@receptionist/domain';
import { optionalText } from '../../../../../components/settings/form-values.ts';

export interface BusinessDraft {
  name: string;
  timeZone: string;
  description: string;
  website: string;
  voice: string;
  currency: string;
  address: {
    line1: string;
    line2: string;
    city: string;
    region: string;
    postalCode: string;
    country: string;
    directions: string;
  };
}

export const ADDRESS_FIELDS = [
  ['line1', 'Street address'],
  ['line2', 'Address line 2 (optional)'],
  ['city', 'City'],
  ['region', 'State or region (optional)'],
  ['postalCode', 'Postal code (optional)'],
  ['country', 'Country'],
  ['directions', 'Directions and parking (optional)'],
] as const satisfies ReadonlyArray<readonly [keyof BusinessDraft['address'], string]>;

export function businessDraft(profile: BusinessProfile): BusinessDraft {
  const address = profile.address;
  return {
    name: profile.name,
    timeZone: profile.timeZone,
    description: profile.description ?? '',
    website: profile.website ?? '',
    voice: profile.voice,
    currency: profile.currency,
    address: {
      line1: address?.line1 ?? '',
      line2: address?.line2 ?? '',
      city: address?.city ?? '',
      region: address?.region ?? '',
      postalCode: address?.postalCode ?? '',
      country: address?.country ?? '',
      directions: address?.directions ?? '',
    },
  };
}

/** An address with every field blank is no address; a half-filled one goes to the schema as it is. */
export function businessPatch(draft: BusinessDraft): Record<string, unknown> {
  const address = Object.fromEntries(
    Object.entries(draft.address).flatMap(([key, value]) => {
      const text = optionalText(value);
      return text === undefined ? [] : [[key, text]];
    }),
  );
  return {
    name: draft.name.trim(),
    timeZone: draft.timeZone.trim(),
    description: optionalText(draft.description),
    website: optionalText(draft.website),
    voice: draft.voice,
    currency: draft.currency.trim().toUpperCase(),
    address: Object.keys(address).length === 0 ? undefined : { line1: '', city: '', ...address },
  };
}
