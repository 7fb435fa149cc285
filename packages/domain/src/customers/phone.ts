import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import { DomainError } from '../errors.ts';

export const DEFAULT_PHONE_REGION: CountryCode = 'US';

/** E.164 for a number as a caller says or types it ("(202) 555-0123" → "+12025550123"), or undefined. */
export function toE164(input: string, region: CountryCode = DEFAULT_PHONE_REGION): string | undefined {
  const parsed = parsePhoneNumberFromString(input.trim(), region);
  return parsed?.isValid() ? parsed.number : undefined;
}

/** Like toE164 but a malformed number is a DomainError the agent can read back. */
export function requireE164(input: string, region: CountryCode = DEFAULT_PHONE_REGION): string {
  const e164 = toE164(input, region);
  if (e164 === undefined) {
    throw new DomainError(
      'invalid_phone',
      `"${input}" doesn't look like a valid phone number. Could you repeat it?`,
    );
  }
  return e164;
}

/** "+12025550123" → "(202) 555-0123" for US numbers, international format otherwise. */
export function formatPhoneForSpeech(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (parsed === undefined) return e164;
  return parsed.country === 'US' ? parsed.formatNational() : parsed.formatInternational();
}
