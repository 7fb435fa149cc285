import { forBusiness } from '@receptionist/db';
import type { Database } from '../db.ts';

export interface CalendarSettingsView {
  connections: Array<{
    id: string;
    accountEmail: string;
    memberUserId: string | null;
    status: 'connected' | 'reconnect' | 'disconnected';
    bookingCalendarId: string | null;
    lastError: string | null;
    calendars: Array<{
      calendarId: string;
      summary: string;
      blocksAvailability: boolean;
      syncedAt: number | null;
    }>;
  }>;
  feeds: Array<{ id: string; memberUserId: string | null; createdAt: number }>;
}

/** The calendar settings page: connections (never their tokens), their calendars and the live ICS feeds. */
export async function getCalendarSettings(db: Database, businessId: string): Promise<CalendarSettingsView> {
  const tenant = forBusiness(db, businessId);
  const sources = await tenant.calendar.listSources();
  const connections = (await tenant.calendar.listConnections()).map((connection) => ({
    id: connection.id,
    accountEmail: connection.accountEmail,
    memberUserId: connection.memberUserId,
    status: connection.status,
    bookingCalendarId: connection.bookingCalendarId,
    lastError: connection.lastError,
    calendars: sources
      .filter((source) => source.connectionId === connection.id)
      .map((source) => ({
        calendarId: source.calendarId,
        summary: source.summary,
        blocksAvailability: source.blocksAvailability,
        syncedAt: source.syncedAt,
      })),
  }));
  const feeds = (await tenant.calendar.listFeeds()).map((feed) => ({
    id: feed.id,
    memberUserId: feed.memberUserId,
    createdAt: feed.createdAt,
  }));
  return { connections, feeds };
}
