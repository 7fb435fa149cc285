import { type CallOutcome, type CallRow, calls, callTurns, type Database } from '@receptionist/db';
import { and, desc, eq, exists, gte, lt, or, type SQL, sql } from 'drizzle-orm';
import { decodeCursor, encodeCursor } from './cursor.ts';

/**
 * The dashboard's call list: filters the tenant DAL does not offer yet (outcome, transcript search) and
 * a keyset cursor on (started_at, id) so page 1000 costs what page 1 costs. Every query is bound to the
 * business id the caller resolved from a membership or API key.
 * Uses the calls_business_started_idx index (business_id, started_at).
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

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

export async function listCallsPage(
  db: Database,
  businessId: string,
  query: CallListQuery,
): Promise<CallListPage> {
  const limit = Math.min(Math.max(query.limit ?? 25, 1), MAX_PAGE_SIZE);
  const conditions: Array<SQL | undefined> = [eq(calls.businessId, businessId)];
  if (query.fromMs !== undefined) conditions.push(gte(calls.startedAt, query.fromMs));
  if (query.toMs !== undefined) conditions.push(lt(calls.startedAt, query.toMs));
  if (query.outcome !== undefined) conditions.push(eq(calls.outcome, query.outcome));
  const search = query.search?.trim();
  if (search) {
    conditions.push(
      exists(
        db
          .select({ one: callTurns.id })
          .from(callTurns)
          .where(
            and(
              eq(callTurns.businessId, businessId),
              eq(callTurns.callId, calls.id),
              sql`${callTurns.text} like ${`%${escapeLike(search)}%`} escape '\\'`,
            ),
          ),
      ),
    );
  }
  const cursor = decodeCursor(query.cursor);
  if (cursor !== undefined) {
    conditions.push(
      or(lt(calls.startedAt, cursor.atMs), and(eq(calls.startedAt, cursor.atMs), lt(calls.id, cursor.id))),
    );
  }
  const rows = await db
    .select()
    .from(calls)
    .where(and(...conditions))
    .orderBy(desc(calls.startedAt), desc(calls.id))
    .limit(limit + 1);
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
