import type { CountryCode, NumberType } from 'libphonenumber-js/max';
import { isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { DomainError } from '../errors.ts';
import type { BusinessProfile } from '../profile/schema.ts';

/**
 * Where the business may send callers (transfers, the human line, the fallback number) and texts (staff
 * phones). Premium-rate and shared-cost numbers are toll fraud waiting for someone to press 0, and a number
 * whose type the full metadata cannot tell is refused too: allow what is known to be ordinary.
 */
const REFUSED_TYPES: ReadonlySet<NumberType> = new Set<NumberType>(['PREMIUM_RATE', 'SHARED_COST']);

/** Common names people type in the address field instead of the ISO code. */
const COUNTRY_ALIASES: Record<string, string> = { UK: 'GB', USA: 'US', 'UNITED STATES': 'US' };

/** The destination countries of a business: its own list, else the country of its address, else US. */
export function destinationCountries(
  profile: Pick<BusinessProfile, 'destinationCountries' | 'address'>,
): CountryCode[] {
  if (profile.destinationCountries !== undefined) {
    return profile.destinationCountries.filter((code): code is CountryCode => isSupportedCountry(code));
  }
  const typed = profile.address?.country?.trim().toUpperCase() ?? 'US';
  const code = COUNTRY_ALIASES[typed] ?? typed;
  return [isSupportedCountry(code) ? code : 'US'];
}

/** Why this number may not be dialled for the business, or undefined when it may. */
export function destinationRefusal(
  e164: string,
  allowedCountries: readonly CountryCode[],
): string | undefined {
  const parsed = parsePhoneNumberFromString(e164);
  if (parsed === undefined || !parsed.isValid()) return 'is not a valid phone number';
  const type = parsed.getType();
  if (type === undefined) return 'is not a number type we can recognise';
  if (REFUSED_TYPES.has(type)) return `is a ${type.toLowerCase().replace('_', '-')} number`;
  if (parsed.country === undefined || !allowedCountries.includes(parsed.country)) {
    return `is outside the allowed countries (${allowedCountries.join(', ') || 'none'})`;
  }
  return undefined;
}

/** True when a call may be sent to `e164` now (the use-time check: stored data may predate the policy). */
export function isDialableDestination(
  profile: Pick<BusinessProfile, 'destinationCountries' | 'address'>,
  e164: string,
): boolean {
  return destinationRefusal(e164, destinationCountries(profile)) === undefined;
}

/**
 * The write-time check of the numbers a profile would send calls to. Numbers already stored are left to
 * the use-time check, so a profile saved before this policy still loads and can be edited.
 */
export function assertNewProfileDestinations(
  profile: BusinessProfile,
  stored: BusinessProfile | undefined,
): void {
  const allowed = destinationCountries(profile);
  const known = new Set(
    stored === undefined
      ? []
      : [...stored.transferDestinations.map((d) => d.phoneNumber), stored.fallbackNumber],
  );
  const numbers: Array<[string, string]> = profile.transferDestinations.map((destination) => [
    `Transfer destination "${destination.name}"`,
    destination.phoneNumber,
  ]);
  if (profile.fallbackNumber !== undefined) numbers.push(['The fallback number', profile.fallbackNumber]);
  for (const [what, e164] of numbers) if (!known.has(e164)) assertDestination(what, e164, allowed);
}

export function assertDestination(what: string, e164: string, allowed: readonly CountryCode[]): void {
  const refusal = destinationRefusal(e164, allowed);
  if (refusal !== undefined) {
    throw new DomainError('destination_refused', `${what} (${e164}) ${refusal}`, {
      details: { phoneNumber: e164 },
    });
  }
}
