import type { CallOutcome, CallRow } from '@receptionist/db';
import type { Database } from '../db.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { readTenant } from './tenant.ts';

/**
 * The dashboard's call list: one page of the tenant DAL's keyset listing on (started_at, id), so page 1000
 * costs what page 1 costs, with an opaque cursor for URLs. The business id comes from a membership or an
 * API key, never from the request.
 */
export interface CallListQuery {
  /** Epoch ms, inclusive. */
  fromMs?: number | undefined;
  /** Epoch ms, exclusive. */
  toMs?: number | undefined;
  outcome?: CallOutcome | undefined;
  /** Case-insensitive substring of any transcript line. */
  search?: string | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}

export interface CallListPage {
  calls: CallRow[];
  nextCursor: string | undefined;
}

export const MAX_PAGE_SIZE = 100;

export async function listCallsPage(
  db: Database,
  businessId: string,
  query: CallListQuery,
): Promise<CallListPage> {
  const limit = Math.min(Math.max(query.limit ?? 25, 1), MAX_PAGE_SIZE);
  const cursor = decodeCursor(query.cursor);
  // One row more than the page tells whether a next page exists.
  const rows = await readTenant(db, businessId).calls.list({
    startedFrom: query.fromMs,
    startedBefore: query.toMs,
    outcome: query.outcome,
    search: query.search,
    after: cursor === undefined ? undefined : { startedAt: cursor.atMs, id: cursor.id },
    limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    calls: page,
    nextCursor:
      rows.length > limit && last !== undefined
        ? encodeCursor({ atMs: last.startedAt, id: last.id })
        : undefined,
  };
}
