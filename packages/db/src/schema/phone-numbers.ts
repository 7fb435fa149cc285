import { index, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { businesses } from './businesses.ts';
import { createdAtColumn, idColumn } from './columns.ts';

/** The numbers a business answers on. The called number (`To`) decides the tenant of a phone call. */
export const phoneNumbers = sqliteTable(
  'phone_numbers',
  {
    id: idColumn('pn'),
    businessId: text('business_id')
      .notNull()
      .references(() => businesses.id, { onDelete: 'cascade' }),
    /** E.164, globally unique: one number can only ever route to one business. */
    e164: text('e164').notNull(),
    label: text('label'),
    /**
     * How the business proved the number is its own: `twilio` (listed among its Twilio account's
     * IncomingPhoneNumbers) or `operator` (approved with the admin CLI). Null on rows from before the check.
     */
    ownershipProof: text('ownership_proof', { enum: ['twilio', 'operator'] }),
    createdAt: createdAtColumn(),
  },
  (t) => [
    uniqueIndex('phone_numbers_e164_unique').on(t.e164),
    index('phone_numbers_business_idx').on(t.businessId),
  ],
);

export type PhoneNumberRow = typeof phoneNumbers.$inferSelect;
