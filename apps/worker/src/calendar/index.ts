export { createCalendarBusyPort } from './busy-port.ts';
export { createCalendarConsumer } from './consumer.ts';
export { CALENDAR_CALLBACK_PATH, calendarSettingsFrom } from './from-config.ts';
export type { CalendarSettings } from './settings.ts';
export { calendarSyncHandler } from './sync-handler.ts';
