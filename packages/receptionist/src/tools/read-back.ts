import {
  type AppointmentView,
  type BusinessProfile,
  baseLanguage,
  localizeProfile,
  spokenAppointment,
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
