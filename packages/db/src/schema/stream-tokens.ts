import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The one use of a signed stream token or browser ticket. The token itself is HMAC-signed (telephony);
 * this row makes it single-use across every voice server sharing the database.
 */
export const streamTokens = sqliteTable(
  'stream_tokens',
  {
    id: text('id').primaryKey(),
    expiresAt: integer('expires_at').notNull(),
    usedAt: integer('used_at').notNull(),
  },
  (t) => [index('stream_tokens_expires_idx').on(t.expiresAt)],
);
