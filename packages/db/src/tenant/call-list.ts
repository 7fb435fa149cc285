import { and, desc, eq, exists, gt, gte, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import {
  appointments,
  type CallChannel,
  type CallDirection,
  type CallOutcome,
  type CallRow,
  type CallStatus,
  calls,
  messages,
} from '../schema/index.ts';
import { callSearchMatch } from './call-search-query.ts';

/**
 * The call list's reads, all in SQL: filters on indexed columns, keyset pages, and full-text search
 * through the `call_search` FTS5 table (migration 0014). Every query is bound to one business twice:
 * the FTS tenant token narrows the index lookup, `calls.business_id` decides.
 */
export interface CallListFilters {
  status?: CallStatus | readonly CallStatus[] | undefined;
  channel?: CallChannel | undefined;
  direction?: CallDirection | undefined;
  /** Calls started at or after this epoch ms. */
  startedFrom?: number | undefined;
  /** Calls started before this epoch ms. */
  startedBefore?: number | undefined;
  outcome?: CallOutcome | undefined;
  /** true: only calls that booked an appointment; false: only calls that did not. */
  hasBooking?: boolean | undefined;
  /** true: only calls on which a message was taken; false: only calls without one. */
  hasMessage?: boolean | undefined;
  /** Words to find in a transcript line or the summary (see call-search-query.ts). */
  search?: string | undefined;
  /** Keyset cursor: the last row of the previous page; the next page starts strictly after it. */
  after?: { startedAt: number; id: string } | undefined;
  limit?: number | undefined;
}

export interface RankedSearchInput extends Omit<CallListFilters, 'after' | 'search'> {
  search: string;
  /** Keyset cursor of the relevance order: the last row's score and id. */
  after?: { score: number; id: string } | undefined;
}

export interface RankedCall {
  call: CallRow;
  /** bm25 of the call's best-matching line: lower is more relevant. */
  score: number;
}

export const MAX_LIST_LIMIT = 500;
/** Up to this many matching calls, a search lists them by id rather than walking the whole list. */
const FEW_MATCHES = 400;

function clampLimit(limit: number | undefined): number {
  return Math.min(Math.max(1, limit ?? 50), MAX_LIST_LIMIT);
}

/** FTS5's `rank`, configured in migration 0014 as bm25 over the body only: lower is more relevant. */
const bodyScore = sql.raw('rank');

function filterConditions(
  ex: Executor,
  businessId: string,
  filters: Omit<CallListFilters, 'after' | 'search'>,
): SQL[] {
  const conditions: SQL[] = [eq(calls.businessId, businessId)];
  if (filters.status !== undefined) {
    const statuses: readonly CallStatus[] =
      typeof filters.status === 'string' ? [filters.status] : filters.status;
    conditions.push(inArray(calls.status, [...statuses]));
  }
  if (filters.channel !== undefined) conditions.push(eq(calls.channel, filters.channel));
  if (filters.direction !== undefined) conditions.push(eq(calls.direction, filters.direction));
  if (filters.startedFrom !== undefined) conditions.push(gte(calls.startedAt, filters.startedFrom));
  if (filters.startedBefore !== undefined) conditions.push(lt(calls.startedAt, filters.startedBefore));
  if (filters.outcome !== undefined) conditions.push(eq(calls.outcome, filters.outcome));
  if (filters.hasBooking !== undefined) {
    const booked = exists(
      ex
        .select({ one: sql`1` })
        .from(appointments)
        .where(and(eq(appointments.createdByCallId, calls.id), eq(appointments.businessId, businessId))),
    );
    conditions.push(filters.hasBooking ? booked : sql`not ${booked}`);
  }
  if (filters.hasMessage !== undefined) {
    const messaged = exists(
      ex
        .select({ one: sql`1` })
        .from(messages)
        .where(and(eq(messages.callId, calls.id), eq(messages.businessId, businessId))),
    );
    conditions.push(filters.hasMessage ? messaged : sql`not ${messaged}`);
  }
  return conditions;
}

/** Newest first (started_at, then id). Page with `after` = the previous page's last row. */
export async function listCalls(
  ex: Executor,
  businessId: string,
  filters: CallListFilters = {},
  /** Tests lower it to exercise the common-word plan on a small fixture. */
  fewMatches = FEW_MATCHES,
): Promise<CallRow[]> {
  const conditions = filterConditions(ex, businessId, filters);
  const match = filters.search === undefined ? undefined : callSearchMatch(businessId, filters.search);
  if (match !== undefined) {
    // A rare word: fetch its few calls by id and sort them. A common one: walk the calls newest first
    // and stop at a page; the planner cannot tell the two apart, so the first query decides.
    const few = await ex.all<{ call_id: string }>(
      sql`select distinct call_id from call_search where call_search match ${match} limit ${fewMatches + 1}`,
    );
    conditions.push(
      few.length <= fewMatches
        ? inArray(
            calls.id,
            few.map((row) => row.call_id),
          )
        : sql`${calls.id} in (select call_id from call_search where call_search match ${match})`,
    );
  }
  if (filters.after !== undefined) {
    conditions.push(
      or(
        lt(calls.startedAt, filters.after.startedAt),
        and(eq(calls.startedAt, filters.after.startedAt), lt(calls.id, filters.after.id)),
      )!,
    );
  }
  return ex
    .select()
    .from(calls)
    .where(and(...conditions))
    .orderBy(desc(calls.startedAt), desc(calls.id))
    .limit(clampLimit(filters.limit));
}

/**
 * Calls matching a search, most relevant first (the best bm25 of any of the call's lines, then id),
 * with the list's filters. An input without any word finds nothing.
 */
export async function searchCallsRanked(
  ex: Executor,
  businessId: string,
  input: RankedSearchInput,
): Promise<RankedCall[]> {
  const match = callSearchMatch(businessId, input.search);
  if (match === undefined) return [];
  const conditions = filterConditions(ex, businessId, input);
  const score = sql`hits.score`;
  if (input.after !== undefined) {
    conditions.push(
      or(gt(score, input.after.score), and(eq(score, input.after.score), gt(calls.id, input.after.id)))!,
    );
  }
  const ranked = await ex.all<{ id: string; score: number }>(sql`
    select ${calls.id} as id, hits.score as score
    from (
      select call_id, min(${bodyScore}) as score from call_search
      where call_search match ${match} group by call_id
    ) as hits
    join ${calls} on ${calls.id} = hits.call_id
    where ${and(...conditions)}
    order by hits.score asc, ${calls.id} asc
    limit ${clampLimit(input.limit)}`);
  if (ranked.length === 0) return [];
  const rows = await ex
    .select()
    .from(calls)
    .where(
      and(
        eq(calls.businessId, businessId),
        inArray(
          calls.id,
          ranked.map((row) => row.id),
        ),
      ),
    );
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ranked.flatMap(({ id, score }) => {
    const call = byId.get(id);
    return call === undefined ? [] : [{ call, score: Number(score) }];
  });
}
