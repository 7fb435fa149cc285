import type { CalendarConfig } from '@receptionist/domain';
import type { CalendarSettings } from './settings.ts';

/** The path of the dashboard's OAuth callback for calendar connections (not the sign-in one). */
export const CALENDAR_CALLBACK_PATH = '/api/calendar/google/callback';

/** Worker settings from the shared calendar configuration (see `parseCalendarConfig`). */
export function calendarSettingsFrom(config: CalendarConfig | undefined): CalendarSettings | undefined {
  if (config === undefined) return undefined;
  return {
    tokenKey: config.tokenKey,
    app: {
      clientId: config.clientId,
      clientSecret: config.clientSecret,
      redirectUri: `${config.webPublicUrl ?? 'http://localhost:3000'}${CALENDAR_CALLBACK_PATH}`,
      endpoints: config.endpoints,
    },
    publicUrl: config.webPublicUrl,
    syncIntervalMs: config.syncIntervalMs,
    channelTtlMs: 7 * 86_400_000,
    channelRenewBeforeMs: 86_400_000,
    syncWindowDays: 400,
    maxAttempts: 4,
    backoffBaseMs: 500,
    recheckTimeoutMs: 2_500,
  };
}
