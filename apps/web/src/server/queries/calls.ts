import type { CallDirection, CallOutcome, CallRow, SnippetPart } from '@receptionist/db';
import type { Database } from '../db.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { decodeRankCursor, encodeRankCursor } from './rank-cursor.ts';
import { readTenant } from './tenant.ts';

/**
 * The dashboard's and the API's call list: filters, search and pages all answered in SQL (the tenant
 * DAL's call-list.ts), so page 1000 costs what page 1 costs, with an opaque cursor for URLs. Newest first
 * by default; a search may instead be ordered by relevance. The business id comes from a membership or
 * an API key, never from the request.
 */
export interface CallListQuery {
  /** Epoch ms, inclusive. */
  fromMs?: number | undefined;
  /** Epoch ms, exclusive. */
  toMs?: number | undefined;
  outcome?: CallOutcome | undefined;
  direction?: CallDirection | undefined;
  hasBooking?: boolean | undefined;
  hasMessage?: boolean | undefined;
  /** Words to find in any transcript line or the summary. */
  search?: string | undefined;
  /** `relevance` applies to a search only; without one the list is newest first. */
  sort?: CallListSort | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}

export const CALL_LIST_SORTS = ['newest', 'relevance'] as const;
export type CallListSort = (typeof CALL_LIST_SORTS)[number];

export interface CallListPage {
  calls: CallRow[];
  /** For a search: each listed call's best-matching line, matched words marked. */
  snippets: Record<string, SnippetPart[]>;
  nextCursor: string | undefined;
}

export const MAX_PAGE_SIZE = 100;

export async function listCallsPage(
  db: Database,
  businessId: string,
  query: CallListQuery,
): Promise<CallListPage> {
  const limit = Math.min(Math.max(query.limit ?? 25, 1), MAX_PAGE_SIZE);
  const tenant = readTenant(db, businessId);
  const search = query.search?.trim() || undefined;
  const filters = {
    startedFrom: query.fromMs,
    startedBefore: query.toMs,
    outcome: query.outcome,
    direction: query.direction,
    hasBooking: query.hasBooking,
    hasMessage: query.hasMessage,
  };
  let page: CallRow[];
  let nextCursor: string | undefined;
  if (search !== undefined && query.sort === 'relevance') {
    // One row more than the page tells whether a next page exists.
    const ranked = await tenant.calls.searchRanked({
      ...filters,
      search,
      after: decodeRankCursor(query.cursor),
      limit: limit + 1,
    });
    const shown = ranked.slice(0, limit);
    const last = shown.at(-1);
    page = shown.map(({ call }) => call);
    nextCursor =
      ranked.length > limit && last !== undefined
        ? encodeRankCursor({ score: last.score, id: last.call.id })
        : undefined;
  } else {
    const cursor = decodeCursor(query.cursor);
    const rows = await tenant.calls.list({
      ...filters,
      search,
      after: cursor === undefined ? undefined : { startedAt: cursor.atMs, id: cursor.id },
      limit: limit + 1,
    });
    page = rows.slice(0, limit);
    const last = page.at(-1);
    nextCursor =
      rows.length > limit && last !== undefined
        ? encodeCursor({ atMs: last.startedAt, id: last.id })
        : undefined;
  }
  const snippets: Record<string, SnippetPart[]> = {};
  if (search !== undefined && page.length > 0) {
    const found = await tenant.calls.snippets(
      page.map((call) => call.id),
      search,
    );
    for (const { callId, parts } of found) snippets[callId] = parts;
  }
  return { calls: page, snippets, nextCursor };
}
