import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { businesses } from './businesses.ts';
import { calls } from './calls.ts';
import { createdAtColumn, idColumn } from './columns.ts';

/**
 * Questions a caller asked that the receptionist could not answer. One row per (call, normalised question),
 * so re-analysing a call adds nothing; the owner sees them grouped by `normalized` across calls.
 */
export const knowledgeGaps = sqliteTable(
  'knowledge_gaps',
  {
    id: idColumn('gap'),
    businessId: text('business_id')
      .notNull()
      .references(() => businesses.id, { onDelete: 'cascade' }),
    callId: text('call_id').references(() => calls.id, { onDelete: 'set null' }),
    /** The question as the caller (or the receptionist's tool call) put it. */
    question: text('question').notNull(),
    /** Lower-cased, punctuation and filler words removed: the grouping key. */
    normalized: text('normalized').notNull(),
    /** Epoch ms the owner answered it (the answer became an FAQ entry); null while open. */
    answeredAt: integer('answered_at'),
    createdAt: createdAtColumn(),
  },
  (t) => [
    uniqueIndex('knowledge_gaps_call_question_unique').on(t.callId, t.normalized),
    index('knowledge_gaps_business_normalized_idx').on(t.businessId, t.normalized),
  ],
);

export type KnowledgeGapRow = typeof knowledgeGaps.$inferSelect;
