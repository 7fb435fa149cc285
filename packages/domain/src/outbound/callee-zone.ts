import { parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * The time zones a callee may be in, for quiet hours. The rule, most specific first:
 * 1. the zone stored on the customer (the owner set it, or it was learned);
 * 2. the number's country (libphonenumber-js) and, for North America, its area code: a country in one zone
 *    gives that zone; a country spanning several gives all of its main zones, and the call must fit the
 *    quiet hours in every one of them (we cannot know which, so we respect the strictest);
 * 3. otherwise the business's own zone.
 */
export function calleeZones(input: {
  phone: string;
  customerZone?: string | null | undefined;
  businessZone: string;
}): string[] {
  if (input.customerZone && isZone(input.customerZone)) return [input.customerZone];
  const parsed = parsePhoneNumberFromString(input.phone);
  const country = parsed?.country;
  if (parsed === undefined || country === undefined) return [input.businessZone];
  if (country === 'US' || country === 'CA') {
    const areaCode = parsed.nationalNumber.slice(0, 3);
    const special = NANP_AREA_ZONES[areaCode];
    if (special) return [special];
  }
  return COUNTRY_ZONES[country] ?? [input.businessZone];
}

function isZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Area codes outside the contiguous zones of the US and Canada. */
const NANP_AREA_ZONES: Record<string, string> = {
  '808': 'Pacific/Honolulu',
  '907': 'America/Anchorage',
  '787': 'America/Puerto_Rico',
  '939': 'America/Puerto_Rico',
  '671': 'Pacific/Guam',
  '340': 'America/St_Thomas',
  '709': 'America/St_Johns',
};

/** Countries by their main zones (several zones: the call must fit all). Others fall back to the business. */
const COUNTRY_ZONES: Record<string, string[]> = {
  US: ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles'],
  CA: ['America/Halifax', 'America/Toronto', 'America/Winnipeg', 'America/Edmonton', 'America/Vancouver'],
  MX: ['America/Mexico_City', 'America/Tijuana'],
  BR: ['America/Sao_Paulo', 'America/Manaus'],
  AU: ['Australia/Sydney', 'Australia/Adelaide', 'Australia/Brisbane', 'Australia/Perth'],
  GB: ['Europe/London'],
  IE: ['Europe/Dublin'],
  FR: ['Europe/Paris'],
  DE: ['Europe/Berlin'],
  ES: ['Europe/Madrid'],
  IT: ['Europe/Rome'],
  NL: ['Europe/Amsterdam'],
  BE: ['Europe/Brussels'],
  CH: ['Europe/Zurich'],
  AT: ['Europe/Vienna'],
  PT: ['Europe/Lisbon'],
  SE: ['Europe/Stockholm'],
  NO: ['Europe/Oslo'],
  DK: ['Europe/Copenhagen'],
  FI: ['Europe/Helsinki'],
  PL: ['Europe/Warsaw'],
  IN: ['Asia/Kolkata'],
  JP: ['Asia/Tokyo'],
  SG: ['Asia/Singapore'],
  NZ: ['Pacific/Auckland'],
  ZA: ['Africa/Johannesburg'],
  IL: ['Asia/Jerusalem'],
};
