import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { businesses } from './businesses.ts';
import { createdAtColumn, idColumn, updatedAtColumn } from './columns.ts';

/** Dashboard users. Not tenant-owned: one person may belong to several businesses via memberships. */
export const users = sqliteTable(
  'users',
  {
    id: idColumn('usr'),
    /** Stored lower-cased so lookups are case-insensitive. */
    email: text('email').notNull(),
    name: text('name'),
    /** Google's stable subject id: users are keyed by it, never auto-linked by email. */
    googleSub: text('google_sub'),
    passwordHash: text('password_hash'),
    /** Bumped to sign a user out everywhere (stateless sessions carry the version they were issued at). */
    sessionVersion: integer('session_version').notNull().default(1),
    /** When the person proved they read this address (a verification or invitation link, or Google). */
    emailVerifiedAt: integer('email_verified_at'),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    uniqueIndex('users_email_unique').on(t.email),
    uniqueIndex('users_google_sub_unique').on(t.googleSub),
  ],
);

export const MEMBERSHIP_ROLES = ['owner', 'staff'] as const;
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];

export const memberships = sqliteTable(
  'memberships',
  {
    id: idColumn('mem'),
    businessId: text('business_id')
      .notNull()
      .references(() => businesses.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: MEMBERSHIP_ROLES }).notNull(),
    createdAt: createdAtColumn(),
  },
  (t) => [
    uniqueIndex('memberships_business_user_unique').on(t.businessId, t.userId),
    // "Which businesses can this user open?" runs on every dashboard request.
    index('memberships_user_idx').on(t.userId),
  ],
);

export type UserRow = typeof users.$inferSelect;
export type MembershipRow = typeof memberships.$inferSelect;
