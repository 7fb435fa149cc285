import { and, eq, isNull, lt, ne, or } from 'drizzle-orm';
import type { Executor } from './client.ts';
import { calendarConnections, calendarFeeds, calendarSources } from './schema/index.ts';

// Calendar lookups made before the tenant is known: a feed URL carries only its secret token, a Google
// push only its channel id; the periodic sync walks every business's calendars.

/** The live feed with this token hash, if any. */
export async function findCalendarFeedByTokenHash(ex: Executor, tokenHash: string) {
  const [row] = await ex
    .select()
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.tokenHash, tokenHash), isNull(calendarFeeds.revokedAt)))
    .limit(1);
  return row;
}

/** The calendar a push channel belongs to. */
export async function findCalendarSourceByChannel(ex: Executor, channelId: string) {
  const [row] = await ex
    .select()
    .from(calendarSources)
    .where(eq(calendarSources.channelId, channelId))
    .limit(1);
  return row;
}

/**
 * Calendars whose busy cache is older than `staleBeforeMs` (or whose push channel expires before
 * `renewBeforeMs`), on connections that still work: what the periodic sync refreshes.
 */
export async function listCalendarSourcesDue(
  ex: Executor,
  input: { staleBeforeMs: number; renewBeforeMs: number },
): Promise<Array<{ businessId: string; sourceId: string }>> {
  return ex
    .select({ businessId: calendarSources.businessId, sourceId: calendarSources.id })
    .from(calendarSources)
    .innerJoin(calendarConnections, eq(calendarConnections.id, calendarSources.connectionId))
    .where(
      and(
        eq(calendarConnections.status, 'connected'),
        ne(calendarConnections.status, 'disconnected'),
        or(
          isNull(calendarSources.syncedAt),
          lt(calendarSources.syncedAt, input.staleBeforeMs),
          and(
            eq(calendarSources.blocksAvailability, true),
            lt(calendarSources.channelExpiresAt, input.renewBeforeMs),
          ),
        ),
      ),
    );
}
