import { type CountryCode, getCountryCallingCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import { DateTime } from 'luxon';
import { baseLanguage } from './languages.ts';

// Dates, times, prices and phone numbers as a receptionist says them in the caller's language: luxon
// locales and Intl (Node ships full ICU), so "martes, 3 de marzo" and "14:00" come from CLDR, not from us.

/** The words that join a read-back ("cleaning on Tuesday at 2 PM"), per base language; English otherwise. */
const JOINERS: Record<string, { on: string; at: string }> = {
  en: { on: 'on', at: 'at' },
  es: { on: 'el', at: 'a las' },
  fr: { on: 'le', at: 'à' },
  de: { on: 'am', at: 'um' },
  pt: { on: 'em', at: 'às' },
  it: { on: 'il', at: 'alle' },
};

/** ICU puts narrow and no-break spaces in "2:00 PM" and "120 €"; speech engines and logs want plain ones. */
function plain(text: string): string {
  return text.replace(/[\u00a0\u202f]/g, ' ');
}

function joiners(language: string): { on: string; at: string } {
  return JOINERS[baseLanguage(language)] ?? { on: 'on', at: 'at' };
}

/** `2026-03-03` → "Tuesday, March 3" (en-US), "martes, 3 de marzo" (es). */
export function spokenDate(isoDate: string, language: string): string {
  return plain(
    DateTime.fromISO(isoDate, { zone: 'UTC' })
      .setLocale(language)
      .toLocaleString({ weekday: 'long', month: 'long', day: 'numeric' }),
  );
}

/** `14:00` → "2:00 PM" (en-US), "14:00" (es-ES, fr). */
export function spokenTime(localTime: string, language: string): string {
  return plain(
    DateTime.fromISO(`2000-01-01T${localTime}`, { zone: 'UTC' })
      .setLocale(language)
      .toLocaleString(DateTime.TIME_SIMPLE),
  );
}

/** "Tuesday, March 3 at 2:00 PM", "martes, 3 de marzo a las 14:00". */
export function spokenSlot(slot: { date: string; time: string }, language: string): string {
  return `${spokenDate(slot.date, language)} ${joiners(language).at} ${spokenTime(slot.time, language)}`;
}

/** "Cleaning on Tuesday, March 3 at 2:00 PM", "Limpieza el martes, 3 de marzo a las 14:00". */
export function spokenAppointment(
  appointment: { serviceName: string; date: string; time: string },
  language: string,
): string {
  return `${appointment.serviceName} ${joiners(language).on} ${spokenSlot(appointment, language)}`;
}

/** 12000 cents → "$120" (en-US), "120 US$" (es-ES); cents shown only when there are some. */
export function spokenPrice(priceCents: number, language: string, currency = 'USD'): string {
  const whole = priceCents % 100 === 0;
  return plain(
    new Intl.NumberFormat(language, {
      style: 'currency',
      currency,
      minimumFractionDigits: whole ? 0 : 2,
      maximumFractionDigits: whole ? 0 : 2,
    }).format(priceCents / 100),
  );
}

/**
 * A phone number read back in the caller's language: its national form with the digits spaced so a voice
 * reads them one by one ("5 5 5, 0 1 2 3"); numbers from another country keep their + and country code.
 */
export function spokenPhone(e164: string, language: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (parsed === undefined) return e164.split('').join(' ');
  const text = sameCountry(parsed.countryCallingCode, language)
    ? parsed.formatNational()
    : parsed.formatInternational();
  return text
    .replace(/[()]/g, '')
    .split(/[\s-]+/)
    .filter((group) => group !== '')
    .map((group) => (group.startsWith('+') ? group : group.split('').join(' ')))
    .join(', ');
}

/** Whether the number's calling code is that of the language's region (`es-US` and +1: say it nationally). */
function sameCountry(callingCode: string, language: string): boolean {
  const region = language.split('-')[1]?.toUpperCase();
  if (region === undefined || !/^[A-Z]{2}$/.test(region)) return false;
  try {
    return getCountryCallingCode(region as CountryCode) === callingCode;
  } catch {
    return false;
  }
}
