import {
  type AppointmentView,
  type BusinessProfile,
  baseLanguage,
  localizeProfile,
  spokenAppointment,
  spokenPhone,
  spokenPrice,
  spokenSlot,
} from '@receptionist/domain';

/** What a tool knows about the call beyond the tenant: the caller's language right now, when known. */
export interface ToolCall {
  language?: string | undefined;
}

/**
 * Whether read-backs are reworded for this caller. English keeps the tools' own wording (their messages
 * are English); any other language gets CLDR dates, times and the translated service name in `spoken`.
 */
function readBackLanguage(call: ToolCall): string | undefined {
  const language = call.language;
  return language !== undefined && baseLanguage(language) !== 'en' ? language : undefined;
}

/** The appointment with `spoken` in the caller's language ("Limpieza el martes, 8 de enero a las 10:00"). */
export function localizedAppointment(
  profile: BusinessProfile,
  view: AppointmentView,
  call: ToolCall,
): AppointmentView {
  const language = readBackLanguage(call);
  if (language === undefined) return view;
  const serviceName =
    localizeProfile(profile, language).services.find((service) => service.id === view.serviceId)?.name ??
    view.serviceName;
  return { ...view, serviceName, spoken: spokenAppointment({ ...view, serviceName }, language) };
}

/** A free slot, with `spoken` in the caller's language when it is not English. */
export function localizedSlot(
  slot: { date: string; time: string },
  call: ToolCall,
): { date: string; time: string; spoken?: string } {
  const language = readBackLanguage(call);
  return language === undefined ? slot : { ...slot, spoken: spokenSlot(slot, language) };
}

/**
 * The services as a caller of another language hears them: translated names (primary-language names where
 * none was given) and prices in that language's conventions ("120 US$"); English keeps them as they are.
 */
export function localizedServices(
  profile: BusinessProfile,
  call: ToolCall,
): Array<{
  id: string;
  name: string;
  durationMinutes: number;
  priceCents?: number | undefined;
  spokenPrice?: string;
}> {
  const language = readBackLanguage(call);
  const services = language === undefined ? profile.services : localizeProfile(profile, language).services;
  return services.map(({ id, name, durationMinutes, priceCents }) => ({
    id,
    name,
    durationMinutes,
    priceCents,
    ...(language !== undefined && priceCents !== undefined
      ? { spokenPrice: spokenPrice(priceCents, language, profile.currency) }
      : {}),
  }));
}

/** A callback number to read back, digit by digit in the caller's language's grouping; none for English. */
export function localizedPhone(e164: string | null | undefined, call: ToolCall): string | undefined {
  const language = readBackLanguage(call);
  return language === undefined || !e164 ? undefined : spokenPhone(e164, language);
}
