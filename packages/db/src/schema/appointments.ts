import { sql } from 'drizzle-orm';
import { check, foreignKey, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { businesses } from './businesses.ts';
import { calls } from './calls.ts';
import { createdAtColumn, idColumn, updatedAtColumn } from './columns.ts';
import { customers } from './customers.ts';
import { services } from './services.ts';

export const APPOINTMENT_STATUSES = ['booked', 'cancelled'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

/**
 * One calendar per business (capacity one). No double booking is enforced three ways: the booking verb
 * checks inside a write transaction, a partial unique index rejects two live bookings at the same start,
 * and triggers (in the migration SQL) reject any overlap of [start_at, blocked_until).
 */
export const appointments = sqliteTable(
  'appointments',
  {
    id: idColumn('apt'),
    businessId: text('business_id')
      .notNull()
      .references(() => businesses.id, { onDelete: 'cascade' }),
    serviceId: text('service_id').notNull(),
    customerId: text('customer_id').notNull(),
    /** UTC epoch ms. */
    startAt: integer('start_at').notNull(),
    endAt: integer('end_at').notNull(),
    /** `end_at` plus the service's buffer: the calendar is busy until then. */
    blockedUntil: integer('blocked_until').notNull(),
    status: text('status', { enum: APPOINTMENT_STATUSES }).notNull().default('booked'),
    notes: text('notes'),
    createdByCallId: text('created_by_call_id').references(() => calls.id, { onDelete: 'set null' }),
    cancelledAt: integer('cancelled_at'),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    // Composite keys: an appointment can only point at its own business's service and customer.
    foreignKey({ columns: [t.businessId, t.serviceId], foreignColumns: [services.businessId, services.id] }),
    foreignKey({
      columns: [t.businessId, t.customerId],
      foreignColumns: [customers.businessId, customers.id],
    }),
    uniqueIndex('appointments_business_start_booked_unique')
      .on(t.businessId, t.startAt)
      .where(sql`${t.status} = 'booked'`),
    index('appointments_business_range_idx').on(t.businessId, t.startAt, t.blockedUntil),
    index('appointments_customer_idx').on(t.customerId),
    // The overview counts a week's bookings; the call list's "booked" filter asks per call.
    index('appointments_business_created_idx').on(t.businessId, t.createdAt),
    index('appointments_created_by_call_idx').on(t.createdByCallId),
    check('appointments_end_after_start', sql`${t.endAt} > ${t.startAt} and ${t.blockedUntil} >= ${t.endAt}`),
  ],
);

export type AppointmentRow = typeof appointments.$inferSelect;
