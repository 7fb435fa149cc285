import { sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { businesses } from './businesses.ts';
import { createdAtColumn, idColumn, updatedAtColumn } from './columns.ts';

export const customers = sqliteTable(
  'customers',
  {
    id: idColumn('cus'),
    businessId: text('business_id')
      .notNull()
      .references(() => businesses.id, { onDelete: 'cascade' }),
    /** E.164; one customer per number per business (the same person may call two businesses). */
    phone: text('phone').notNull(),
    name: text('name'),
    notes: text('notes'),
    /** IANA zone the customer lives in, when known: outbound quiet hours are read in it. */
    timeZone: text('time_zone'),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    uniqueIndex('customers_business_phone_unique').on(t.businessId, t.phone),
    // Target of the appointments' composite foreign key (tenant integrity in the database).
    uniqueIndex('customers_business_id_unique').on(t.businessId, t.id),
  ],
);

export type CustomerRow = typeof customers.$inferSelect;
