import { foreignKey, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { businesses } from './businesses.ts';
import { calls } from './calls.ts';
import { createdAtColumn, idColumn } from './columns.ts';
import { customers } from './customers.ts';

/**
 * One-time codes texted to a customer's number on file, for businesses whose callers prove who they are
 * that way. Only a hash is kept; the code is made and sent by the worker, never stored in clear. A code
 * is good for one call, until `expiresAt`, and is verified once (`verifiedAt`).
 */
export const callerVerificationCodes = sqliteTable(
  'caller_verification_codes',
  {
    id: idColumn('cvc'),
    businessId: text('business_id')
      .notNull()
      .references(() => businesses.id, { onDelete: 'cascade' }),
    callId: text('call_id').notNull(),
    customerId: text('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    /** The number on file the code goes to (E.164). */
    phone: text('phone').notNull(),
    /** sha256(id + code), hex; null until the worker has made and sent the code. */
    codeHash: text('code_hash'),
    expiresAt: integer('expires_at').notNull(),
    verifiedAt: integer('verified_at'),
    createdAt: createdAtColumn(),
  },
  (t) => [
    foreignKey({ columns: [t.businessId, t.callId], foreignColumns: [calls.businessId, calls.id] }).onDelete(
      'cascade',
    ),
    index('caller_verification_codes_call_idx').on(t.callId),
  ],
);

export type CallerVerificationCodeRow = typeof callerVerificationCodes.$inferSelect;
