export {
  CALENDAR_CALLBACK_PATH,
  type CalendarSettings,
  calendarSettingsFrom,
  createCalendarBusyPort,
} from '@receptionist/calendar-sync';
export { createCalendarConsumer } from './consumer.ts';
export { calendarSyncHandler } from './sync-handler.ts';
