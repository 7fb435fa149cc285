// A Google client per calendar connection (tokens decrypted, refreshed ones stored, a refused grant
// turned into "reconnect") and the live freeBusy port the booking re-check uses: shared by the worker
// (sync, mirroring), the voice server (phone bookings) and the dashboard (staff and API bookings).
export { createCalendarBusyPort } from './busy-port.ts';
export { CALENDAR_CALLBACK_PATH, calendarSettingsFrom } from './from-config.ts';
export { openCalendarSession } from './session.ts';
export type { CalendarSettings } from './settings.ts';
