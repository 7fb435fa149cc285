import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { businesses } from './businesses.ts';
import { calls } from './calls.ts';
import { createdAtColumn, idColumn, updatedAtColumn } from './columns.ts';

export const MESSAGE_URGENCIES = ['low', 'normal', 'high'] as const;
export type MessageUrgency = (typeof MESSAGE_URGENCIES)[number];

/** Messages the receptionist took for the business. */
export const messages = sqliteTable(
  'messages',
  {
    id: idColumn('msg'),
    businessId: text('business_id')
      .notNull()
      .references(() => businesses.id, { onDelete: 'cascade' }),
    callerName: text('caller_name'),
    /** E.164 when the number parsed; the caller may leave a callback number different from caller ID. */
    callerNumber: text('caller_number'),
    reason: text('reason').notNull(),
    urgency: text('urgency', { enum: MESSAGE_URGENCIES }).notNull().default('normal'),
    handled: integer('handled', { mode: 'boolean' }).notNull().default(false),
    callId: text('call_id').references(() => calls.id, { onDelete: 'set null' }),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    index('messages_business_created_idx').on(t.businessId, t.createdAt),
    // The call list's "took a message" filter asks per call.
    index('messages_call_idx').on(t.callId),
  ],
);

export type MessageRow = typeof messages.$inferSelect;
