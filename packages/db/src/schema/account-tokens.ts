import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { businesses } from './businesses.ts';
import { createdAtColumn, idColumn } from './columns.ts';
import { users } from './users.ts';

export const ACCOUNT_TOKEN_PURPOSES = ['verify_email', 'staff_invite'] as const;
export type AccountTokenPurpose = (typeof ACCOUNT_TOKEN_PURPOSES)[number];

/**
 * Single-use links sent by email: an address to verify, a staff invitation to accept. Only the SHA-256 of the
 * random token is stored, so reading this table does not let anyone use a link; `used_at` makes each one
 * single-use.
 */
export const accountTokens = sqliteTable(
  'account_tokens',
  {
    id: idColumn('atk'),
    purpose: text('purpose', { enum: ACCOUNT_TOKEN_PURPOSES }).notNull(),
    tokenHash: text('token_hash').notNull(),
    /** Lower-cased: the address the link was sent to (and, for an invitation, the one that may accept). */
    email: text('email').notNull(),
    userId: text('user_id').references(() => users.id, { onDelete: 'cascade' }),
    businessId: text('business_id').references(() => businesses.id, { onDelete: 'cascade' }),
    invitedBy: text('invited_by').references(() => users.id, { onDelete: 'set null' }),
    expiresAt: integer('expires_at').notNull(),
    usedAt: integer('used_at'),
    createdAt: createdAtColumn(),
  },
  (t) => [
    uniqueIndex('account_tokens_hash_unique').on(t.tokenHash),
    index('account_tokens_business_idx').on(t.businessId),
  ],
);

export type AccountTokenRow = typeof accountTokens.$inferSelect;
