import { and, asc, eq, gt, inArray, isNull, like, lt, ne } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { NotFoundError } from '../errors.ts';
import {
  type CalendarConnectionRow,
  type CalendarEventLinkRow,
  type CalendarFeedRow,
  type CalendarOAuthStateRow,
  type CalendarSourceRow,
  calendarBusy,
  calendarConnections,
  calendarEventLinks,
  calendarFeeds,
  calendarOAuthStates,
  calendarSources,
} from '../schema/index.ts';

export type CalendarConnectionPatch = Partial<
  Pick<
    CalendarConnectionRow,
    'tokensCiphertext' | 'status' | 'bookingCalendarId' | 'lastError' | 'accountEmail'
  >
>;
export type CalendarSourcePatch = Partial<
  Pick<
    CalendarSourceRow,
    | 'blocksAvailability'
    | 'syncToken'
    | 'syncedAt'
    | 'channelId'
    | 'channelResourceId'
    | 'channelToken'
    | 'channelExpiresAt'
    | 'summary'
    | 'timeZone'
  >
>;

export interface BusyRange {
  externalId: string;
  startAt: number;
  endAt: number;
}

/** Calendar connections, their calendars, the cached busy time, event links, ICS feeds, OAuth states. */
export function createCalendarDal(ex: Executor, businessId: string) {
  const ownConnection = (id: string) =>
    and(eq(calendarConnections.id, id), eq(calendarConnections.businessId, businessId));
  const ownSource = (id: string) =>
    and(eq(calendarSources.id, id), eq(calendarSources.businessId, businessId));

  return {
    async createConnection(input: {
      memberUserId: string | null;
      accountEmail: string;
      tokensCiphertext: string;
      bookingCalendarId: string | null;
    }): Promise<CalendarConnectionRow> {
      const [row] = await ex
        .insert(calendarConnections)
        .values({ businessId, ...input })
        .returning();
      return row!;
    },

    async getConnection(id: string): Promise<CalendarConnectionRow | undefined> {
      const [row] = await ex.select().from(calendarConnections).where(ownConnection(id)).limit(1);
      return row;
    },

    /** Every connection but disconnected ones, oldest first. */
    async listConnections(): Promise<CalendarConnectionRow[]> {
      return ex
        .select()
        .from(calendarConnections)
        .where(
          and(eq(calendarConnections.businessId, businessId), ne(calendarConnections.status, 'disconnected')),
        )
        .orderBy(asc(calendarConnections.createdAt), asc(calendarConnections.id));
    },

    async updateConnection(id: string, patch: CalendarConnectionPatch): Promise<void> {
      const updated = await ex
        .update(calendarConnections)
        .set(patch)
        .where(ownConnection(id))
        .returning({ id: calendarConnections.id });
      if (updated.length === 0) throw new NotFoundError('calendar connection', id);
    },

    /** Adds calendars a connection lists (new ones do not block until chosen). */
    async addSources(
      connectionId: string,
      calendars: Array<{
        calendarId: string;
        summary: string;
        timeZone?: string | undefined;
        blocks: boolean;
      }>,
    ): Promise<void> {
      for (const calendar of calendars) {
        await ex
          .insert(calendarSources)
          .values({
            businessId,
            connectionId,
            calendarId: calendar.calendarId,
            summary: calendar.summary,
            timeZone: calendar.timeZone ?? null,
            blocksAvailability: calendar.blocks,
          })
          .onConflictDoUpdate({
            target: [calendarSources.connectionId, calendarSources.calendarId],
            set: { summary: calendar.summary },
          });
      }
    },

    async listSources(connectionId?: string): Promise<CalendarSourceRow[]> {
      return ex
        .select()
        .from(calendarSources)
        .where(
          connectionId === undefined
            ? eq(calendarSources.businessId, businessId)
            : and(eq(calendarSources.businessId, businessId), eq(calendarSources.connectionId, connectionId)),
        )
        .orderBy(asc(calendarSources.createdAt), asc(calendarSources.id));
    },

    async getSource(id: string): Promise<CalendarSourceRow | undefined> {
      const [row] = await ex.select().from(calendarSources).where(ownSource(id)).limit(1);
      return row;
    },

    async updateSource(id: string, patch: CalendarSourcePatch): Promise<void> {
      const updated = await ex
        .update(calendarSources)
        .set(patch)
        .where(ownSource(id))
        .returning({ id: calendarSources.id });
      if (updated.length === 0) throw new NotFoundError('calendar source', id);
    },

    /** Replaces a calendar's whole cached busy time (a full sync). */
    async replaceBusy(sourceId: string, ranges: readonly BusyRange[]): Promise<void> {
      await ex
        .delete(calendarBusy)
        .where(and(eq(calendarBusy.businessId, businessId), eq(calendarBusy.sourceId, sourceId)));
      await this.upsertBusy(sourceId, ranges);
    },

    async upsertBusy(sourceId: string, ranges: readonly BusyRange[]): Promise<void> {
      for (const range of ranges) {
        await ex
          .insert(calendarBusy)
          .values({ businessId, sourceId, ...range })
          .onConflictDoUpdate({
            target: [calendarBusy.sourceId, calendarBusy.externalId],
            set: { startAt: range.startAt, endAt: range.endAt },
          });
      }
    },

    async deleteBusy(sourceId: string, externalIds: readonly string[]): Promise<void> {
      if (externalIds.length === 0) return;
      await ex
        .delete(calendarBusy)
        .where(
          and(
            eq(calendarBusy.businessId, businessId),
            eq(calendarBusy.sourceId, sourceId),
            inArray(calendarBusy.externalId, [...externalIds]),
          ),
        );
    },

    /** Drops the ranges a booking re-check found (`freebusy:…`): a sync has since listed the real events. */
    async deleteRecheckBusy(sourceId: string): Promise<void> {
      await ex
        .delete(calendarBusy)
        .where(
          and(
            eq(calendarBusy.businessId, businessId),
            eq(calendarBusy.sourceId, sourceId),
            like(calendarBusy.externalId, 'freebusy:%'),
          ),
        );
    },

    /** Where our own (not deleted) events sit in [fromMs, toMs): they are not someone else's busy time. */
    async listLinkRanges(fromMs: number, toMs: number): Promise<Array<{ startAt: number; endAt: number }>> {
      return ex
        .select({ startAt: calendarEventLinks.startAt, endAt: calendarEventLinks.endAt })
        .from(calendarEventLinks)
        .where(
          and(
            eq(calendarEventLinks.businessId, businessId),
            isNull(calendarEventLinks.deletedAt),
            lt(calendarEventLinks.startAt, toMs),
            gt(calendarEventLinks.endAt, fromMs),
          ),
        );
    },

    /** Cached busy ranges of blocking calendars that overlap [fromMs, toMs). */
    async listBusy(fromMs: number, toMs: number): Promise<Array<{ startAt: number; endAt: number }>> {
      return ex
        .select({ startAt: calendarBusy.startAt, endAt: calendarBusy.endAt })
        .from(calendarBusy)
        .innerJoin(calendarSources, eq(calendarSources.id, calendarBusy.sourceId))
        .where(
          and(
            eq(calendarBusy.businessId, businessId),
            eq(calendarSources.blocksAvailability, true),
            lt(calendarBusy.startAt, toMs),
            gt(calendarBusy.endAt, fromMs),
          ),
        )
        .orderBy(asc(calendarBusy.startAt));
    },

    async getLink(appointmentId: string, connectionId: string): Promise<CalendarEventLinkRow | undefined> {
      const [row] = await ex
        .select()
        .from(calendarEventLinks)
        .where(
          and(
            eq(calendarEventLinks.businessId, businessId),
            eq(calendarEventLinks.appointmentId, appointmentId),
            eq(calendarEventLinks.connectionId, connectionId),
          ),
        )
        .limit(1);
      return row;
    },

    async saveLink(input: {
      appointmentId: string;
      connectionId: string;
      calendarId: string;
      externalEventId: string;
      startAt: number;
      endAt: number;
      deletedAt: number | null;
    }): Promise<void> {
      await ex
        .insert(calendarEventLinks)
        .values({ businessId, ...input })
        .onConflictDoUpdate({
          target: [calendarEventLinks.appointmentId, calendarEventLinks.connectionId],
          set: {
            calendarId: input.calendarId,
            externalEventId: input.externalEventId,
            startAt: input.startAt,
            endAt: input.endAt,
            deletedAt: input.deletedAt,
          },
        });
    },

    async findLinkByEvent(
      connectionId: string,
      externalEventId: string,
    ): Promise<CalendarEventLinkRow | undefined> {
      const [row] = await ex
        .select()
        .from(calendarEventLinks)
        .where(
          and(
            eq(calendarEventLinks.businessId, businessId),
            eq(calendarEventLinks.connectionId, connectionId),
            eq(calendarEventLinks.externalEventId, externalEventId),
            isNull(calendarEventLinks.deletedAt),
          ),
        )
        .limit(1);
      return row;
    },

    async createFeed(input: { memberUserId: string | null; tokenHash: string }): Promise<CalendarFeedRow> {
      const [row] = await ex
        .insert(calendarFeeds)
        .values({ businessId, ...input })
        .returning();
      return row!;
    },

    async listFeeds(): Promise<CalendarFeedRow[]> {
      return ex
        .select()
        .from(calendarFeeds)
        .where(and(eq(calendarFeeds.businessId, businessId), isNull(calendarFeeds.revokedAt)))
        .orderBy(asc(calendarFeeds.createdAt));
    },

    async revokeFeed(id: string, atMs: number): Promise<void> {
      const updated = await ex
        .update(calendarFeeds)
        .set({ revokedAt: atMs })
        .where(
          and(
            eq(calendarFeeds.id, id),
            eq(calendarFeeds.businessId, businessId),
            isNull(calendarFeeds.revokedAt),
          ),
        )
        .returning({ id: calendarFeeds.id });
      if (updated.length === 0) throw new NotFoundError('calendar feed', id);
    },

    async createOAuthState(input: Omit<CalendarOAuthStateRow, 'businessId' | 'createdAt'>): Promise<void> {
      await ex.insert(calendarOAuthStates).values({ businessId, ...input });
    },

    /** Takes (deletes and returns) a state: each may finish one authorization. */
    async takeOAuthState(state: string): Promise<CalendarOAuthStateRow | undefined> {
      const [row] = await ex
        .delete(calendarOAuthStates)
        .where(and(eq(calendarOAuthStates.state, state), eq(calendarOAuthStates.businessId, businessId)))
        .returning();
      return row;
    },
  };
}
