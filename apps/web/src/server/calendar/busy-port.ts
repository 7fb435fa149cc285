import { calendarSettingsFrom, createCalendarBusyPort } from '@receptionist/calendar-sync';
import {
  type CalendarBusyPort,
  confirmMoveWithCalendars,
  confirmSlotWithCalendars,
  type DomainContext,
  type Executor,
  type RescheduleAppointmentInput,
} from '@receptionist/domain';
import { getEnv } from '../../env.ts';
import { systemClock } from '../clock.ts';
import { log } from '../log.ts';

/** The live freeBusy port for staff and API bookings; undefined when Google Calendar is not set up. */
function calendarPort(db: Executor): CalendarBusyPort | undefined {
  const settings = calendarSettingsFrom(getEnv().calendar);
  if (settings === undefined) return undefined;
  return createCalendarBusyPort({ db, settings, now: systemClock, logger: log });
}

/**
 * The booking re-check for the dashboard and the REST API, as the phone tools do it: before the verb,
 * outside its transaction. A slot taken in a connected calendar lands in the busy cache, so the verb
 * that follows refuses it with the nearest free times.
 */
export async function recheckBooking(
  db: Executor,
  ctx: DomainContext,
  input: { service: string; date: string; time: string },
): Promise<void> {
  const calendars = calendarPort(db);
  if (calendars !== undefined) await confirmSlotWithCalendars({ ctx, input, calendars });
}

export async function recheckMove(
  db: Executor,
  ctx: DomainContext,
  input: RescheduleAppointmentInput,
): Promise<void> {
  const calendars = calendarPort(db);
  if (calendars !== undefined) await confirmMoveWithCalendars({ ctx, input, calendars });
}
