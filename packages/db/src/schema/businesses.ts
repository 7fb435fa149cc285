import { sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAtColumn, idColumn, updatedAtColumn } from './columns.ts';

/**
 * The tenant. The full business profile lives in `profile` as JSON validated by the receptionist
 * package's zod schema; the columns beside it are the fields queries and other tables need directly.
 */
export const businesses = sqliteTable('businesses', {
  id: idColumn('biz'),
  name: text('name').notNull(),
  /** IANA zone, e.g. `America/New_York`; appointments are stored in UTC and shown in this zone. */
  timeZone: text('time_zone').notNull(),
  profile: text('profile', { mode: 'json' }).$type<unknown>().notNull(),
  createdAt: createdAtColumn(),
  updatedAt: updatedAtColumn(),
});

export type BusinessRow = typeof businesses.$inferSelect;
