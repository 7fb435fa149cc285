import { integer, text } from 'drizzle-orm/sqlite-core';
import { newId, nowMs } from '../ids.ts';

/** A prefixed text primary key generated in the app, so ids are known before the insert returns. */
export function idColumn(prefix: string) {
  return text('id')
    .primaryKey()
    .$defaultFn(() => newId(prefix));
}

/** `created_at` in epoch ms, set by the app (SQLite's clock has only second resolution). */
export function createdAtColumn() {
  return integer('created_at')
    .notNull()
    .$defaultFn(() => nowMs());
}

export function updatedAtColumn() {
  return integer('updated_at')
    .notNull()
    .$defaultFn(() => nowMs())
    .$onUpdateFn(() => nowMs());
}
