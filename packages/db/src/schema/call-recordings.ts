import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { businesses } from './businesses.ts';
import { calls } from './calls.ts';
import { createdAtColumn, idColumn, updatedAtColumn } from './columns.ts';

/**
 * A whole call, both sides mixed into one WAV in the recordings folder (only for businesses that turned
 * call recording on). The file is deleted when `expiresAt` passes (the business's retention period); the
 * row stays, with `deletedAt`, so the call page can say the recording existed and was removed.
 */
export const callRecordings = sqliteTable(
  'call_recordings',
  {
    id: idColumn('rec'),
    businessId: text('business_id')
      .notNull()
      .references(() => businesses.id, { onDelete: 'cascade' }),
    callId: text('call_id')
      .notNull()
      .references(() => calls.id, { onDelete: 'cascade' }),
    /** Relative to the recordings folder (RECORDINGS_DIR). */
    audioPath: text('audio_path').notNull(),
    audioBytes: integer('audio_bytes').notNull(),
    durationMs: integer('duration_ms').notNull(),
    /** Epoch ms after which the file is deleted. */
    expiresAt: integer('expires_at').notNull(),
    deletedAt: integer('deleted_at'),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    uniqueIndex('call_recordings_call_idx').on(t.callId),
    index('call_recordings_business_expires_idx').on(t.businessId, t.expiresAt),
  ],
);

export type CallRecordingRow = typeof callRecordings.$inferSelect;
