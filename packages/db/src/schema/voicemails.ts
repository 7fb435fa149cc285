import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { businesses } from './businesses.ts';
import { calls } from './calls.ts';
import { createdAtColumn, idColumn, updatedAtColumn } from './columns.ts';
import { messages } from './messages.ts';

/**
 * A voicemail Twilio recorded for the business (the `<Record>` fallback). Each one is also a message, so it
 * sits in the owner's inbox with the others; this row holds what only a recording has. The audio is a file
 * in the recordings folder (RECORDINGS_DIR); `audioPath` is relative to it, so the folder can move.
 */
export const voicemails = sqliteTable(
  'voicemails',
  {
    id: idColumn('vm'),
    businessId: text('business_id')
      .notNull()
      .references(() => businesses.id, { onDelete: 'cascade' }),
    messageId: text('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    callId: text('call_id').references(() => calls.id, { onDelete: 'set null' }),
    /** Twilio's `RE…` SID: unique, so a replayed recording callback finds the voicemail it already made. */
    recordingSid: text('recording_sid').notNull(),
    durationSeconds: integer('duration_seconds').notNull(),
    /** Relative to the recordings folder; null until the worker has fetched the audio. */
    audioPath: text('audio_path'),
    audioBytes: integer('audio_bytes'),
    audioContentType: text('audio_content_type'),
    /** Null until transcribed; '' when the recogniser heard nothing. */
    transcript: text('transcript'),
    /** Epoch ms the audio and transcript were stored (the `voicemail.received` event was recorded). */
    completedAt: integer('completed_at'),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    uniqueIndex('voicemails_recording_sid_idx').on(t.recordingSid),
    index('voicemails_business_message_idx').on(t.businessId, t.messageId),
  ],
);

export type VoicemailRow = typeof voicemails.$inferSelect;
