import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { businesses } from './businesses.ts';
import { createdAtColumn, idColumn } from './columns.ts';

/** REST API keys. Only the SHA-256 of a key is stored; the key itself is shown once at creation. */
export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: idColumn('key'),
    businessId: text('business_id')
      .notNull()
      .references(() => businesses.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** Hex SHA-256 of the full key; keys are high-entropy random, so a fast hash is enough. */
    hashedKey: text('hashed_key').notNull(),
    /** The first characters of the key, shown in the dashboard so owners can tell keys apart. */
    prefix: text('prefix').notNull(),
    lastUsedAt: integer('last_used_at'),
    revokedAt: integer('revoked_at'),
    createdAt: createdAtColumn(),
  },
  (t) => [
    uniqueIndex('api_keys_hashed_key_unique').on(t.hashedKey),
    index('api_keys_business_idx').on(t.businessId),
  ],
);

export type ApiKeyRow = typeof apiKeys.$inferSelect;
