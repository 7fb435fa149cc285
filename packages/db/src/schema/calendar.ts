import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { appointments } from './appointments.ts';
import { businesses } from './businesses.ts';
import { createdAtColumn, idColumn, updatedAtColumn } from './columns.ts';
import { users } from './users.ts';

export const CALENDAR_CONNECTION_STATUSES = ['connected', 'reconnect', 'disconnected'] as const;
export type CalendarConnectionStatus = (typeof CALENDAR_CONNECTION_STATUSES)[number];

/**
 * A Google account a business (or one staff member of it) connected for calendar sync. Tokens are one
 * AES-256-GCM ciphertext (the key is in the environment, never in the database). `reconnect` means
 * Google refused the refresh token: nothing syncs until the owner connects again.
 */
export const calendarConnections = sqliteTable(
  'calendar_connections',
  {
    id: idColumn('cal'),
    businessId: text('business_id')
      .notNull()
      .references(() => businesses.id, { onDelete: 'cascade' }),
    /** The staff member whose calendar this is; null for the business's own calendar. */
    memberUserId: text('member_user_id').references(() => users.id, { onDelete: 'cascade' }),
    provider: text('provider', { enum: ['google'] })
      .notNull()
      .default('google'),
    accountEmail: text('account_email').notNull(),
    tokensCiphertext: text('tokens_ciphertext').notNull(),
    status: text('status', { enum: CALENDAR_CONNECTION_STATUSES }).notNull().default('connected'),
    /** The calendar that receives our bookings; null: bookings are not written to Google. */
    bookingCalendarId: text('booking_calendar_id'),
    lastError: text('last_error'),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [index('calendar_connections_business_idx').on(t.businessId)],
);

/** One calendar of a connection and whether it blocks availability, with its sync and push state. */
export const calendarSources = sqliteTable(
  'calendar_sources',
  {
    id: idColumn('cas'),
    businessId: text('business_id')
      .notNull()
      .references(() => businesses.id, { onDelete: 'cascade' }),
    connectionId: text('connection_id')
      .notNull()
      .references(() => calendarConnections.id, { onDelete: 'cascade' }),
    calendarId: text('calendar_id').notNull(),
    summary: text('summary').notNull(),
    timeZone: text('time_zone'),
    blocksAvailability: integer('blocks_availability', { mode: 'boolean' }).notNull().default(false),
    /** Google's `nextSyncToken` from the last listing; null forces a full sync. */
    syncToken: text('sync_token'),
    /** When the busy cache of this calendar was last refreshed (epoch ms). */
    syncedAt: integer('synced_at'),
    channelId: text('channel_id'),
    channelResourceId: text('channel_resource_id'),
    /** Checked against the `X-Goog-Channel-Token` header of every push. */
    channelToken: text('channel_token'),
    channelExpiresAt: integer('channel_expires_at'),
    createdAt: createdAtColumn(),
  },
  (t) => [
    uniqueIndex('calendar_sources_connection_calendar_unique').on(t.connectionId, t.calendarId),
    uniqueIndex('calendar_sources_channel_unique').on(t.channelId),
    index('calendar_sources_business_idx').on(t.businessId),
  ],
);

/** The cached busy time of the calendars that block availability: what slot queries read. */
export const calendarBusy = sqliteTable(
  'calendar_busy',
  {
    id: idColumn('cab'),
    businessId: text('business_id')
      .notNull()
      .references(() => businesses.id, { onDelete: 'cascade' }),
    sourceId: text('source_id')
      .notNull()
      .references(() => calendarSources.id, { onDelete: 'cascade' }),
    /** Google's event id, or `freebusy:<start>` for a range a booking re-check found. */
    externalId: text('external_id').notNull(),
    startAt: integer('start_at').notNull(),
    endAt: integer('end_at').notNull(),
  },
  (t) => [
    uniqueIndex('calendar_busy_source_external_unique').on(t.sourceId, t.externalId),
    index('calendar_busy_business_range_idx').on(t.businessId, t.startAt, t.endAt),
  ],
);

/** Which Google event mirrors which appointment (one per appointment and connection). */
export const calendarEventLinks = sqliteTable(
  'calendar_event_links',
  {
    id: idColumn('cel'),
    businessId: text('business_id')
      .notNull()
      .references(() => businesses.id, { onDelete: 'cascade' }),
    appointmentId: text('appointment_id')
      .notNull()
      .references(() => appointments.id, { onDelete: 'cascade' }),
    connectionId: text('connection_id')
      .notNull()
      .references(() => calendarConnections.id, { onDelete: 'cascade' }),
    calendarId: text('calendar_id').notNull(),
    externalEventId: text('external_event_id').notNull(),
    /** Where we last put the event: a synced event elsewhere was moved in Google. */
    startAt: integer('start_at').notNull(),
    endAt: integer('end_at').notNull(),
    deletedAt: integer('deleted_at'),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    uniqueIndex('calendar_event_links_appointment_connection_unique').on(t.appointmentId, t.connectionId),
    index('calendar_event_links_external_idx').on(t.connectionId, t.externalEventId),
  ],
);

/** A subscribable ICS feed at a secret URL; only the token's SHA-256 is kept. Revoked feeds answer 404. */
export const calendarFeeds = sqliteTable(
  'calendar_feeds',
  {
    id: idColumn('caf'),
    businessId: text('business_id')
      .notNull()
      .references(() => businesses.id, { onDelete: 'cascade' }),
    /** A staff member's own feed; null for the whole business. */
    memberUserId: text('member_user_id').references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    revokedAt: integer('revoked_at'),
    createdAt: createdAtColumn(),
  },
  (t) => [
    uniqueIndex('calendar_feeds_token_hash_unique').on(t.tokenHash),
    index('calendar_feeds_business_idx').on(t.businessId),
  ],
);

/** An OAuth authorization in progress: the `state` we sent and the PKCE verifier kept on our side. */
export const calendarOAuthStates = sqliteTable('calendar_oauth_states', {
  state: text('state').primaryKey(),
  businessId: text('business_id')
    .notNull()
    .references(() => businesses.id, { onDelete: 'cascade' }),
  memberUserId: text('member_user_id').references(() => users.id, { onDelete: 'cascade' }),
  /** Who started it: only they may finish it. */
  startedByUserId: text('started_by_user_id').notNull(),
  codeVerifier: text('code_verifier').notNull(),
  expiresAt: integer('expires_at').notNull(),
  createdAt: createdAtColumn(),
});

export type CalendarConnectionRow = typeof calendarConnections.$inferSelect;
export type CalendarSourceRow = typeof calendarSources.$inferSelect;
export type CalendarBusyRow = typeof calendarBusy.$inferSelect;
export type CalendarEventLinkRow = typeof calendarEventLinks.$inferSelect;
export type CalendarFeedRow = typeof calendarFeeds.$inferSelect;
export type CalendarOAuthStateRow = typeof calendarOAuthStates.$inferSelect;
