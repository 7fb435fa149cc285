import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from './client.ts';
import { calendarFeeds, calendarSources } from './schema/index.ts';

// Calendar lookups made before the tenant is known: a feed URL carries only its secret token, a Google
// push only its channel id.

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
