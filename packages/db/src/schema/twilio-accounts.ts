import { sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { businesses } from './businesses.ts';
import { createdAtColumn, updatedAtColumn } from './columns.ts';

/**
 * The tenant's own Twilio account, used to prove it owns a number before that number is connected.
 * `secretSealed` is the auth token or API key secret sealed with AES-256-GCM under a key from the
 * environment (never stored in clear).
 */
export const businessTwilioAccounts = sqliteTable('business_twilio_accounts', {
  businessId: text('business_id')
    .primaryKey()
    .references(() => businesses.id, { onDelete: 'cascade' }),
  /** `AC` + 32 hex: the account whose IncomingPhoneNumbers are listed. */
  accountSid: text('account_sid').notNull(),
  /** Basic-auth user: the account SID itself (auth token) or an API key SID (`SK…`). */
  username: text('username').notNull(),
  secretSealed: text('secret_sealed').notNull(),
  createdAt: createdAtColumn(),
  updatedAt: updatedAtColumn(),
});

export type BusinessTwilioAccountRow = typeof businessTwilioAccounts.$inferSelect;
