import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { businesses } from './businesses.ts';
import { createdAtColumn, updatedAtColumn } from './columns.ts';

/**
 * Bookable services. The business profile is the source of truth; saving a profile syncs this table in
 * the same transaction so appointments can reference a service row. Removed services are deactivated,
 * never deleted, because past appointments still point at them.
 */
export const services = sqliteTable(
  'services',
  {
    /** Chosen by the profile (e.g. `cleaning`) and unique per business, so it survives profile edits. */
    id: text('id').notNull(),
    businessId: text('business_id')
      .notNull()
      .references(() => businesses.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    priceCents: integer('price_cents'),
    /** Time kept free after the appointment (cleanup, notes). */
    bufferMinutes: integer('buffer_minutes').notNull().default(0),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [primaryKey({ columns: [t.businessId, t.id] })],
);

export type ServiceRow = typeof services.$inferSelect;
