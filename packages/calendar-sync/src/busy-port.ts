import { type CalendarBusyPort, type Executor, tenantContext } from '@receptionist/domain';
import type { Logger } from 'pino';
import { openCalendarSession } from './session.ts';
import type { CalendarSettings } from './settings.ts';

const SYSTEM = { kind: 'system' } as const;

/**
 * The booking re-check's port: asks Google's freeBusy, live, for the blocking calendars of every working
 * connection of the business. It runs on the call's path, so it makes one attempt per request (no
 * backoff sleeps) and gives up after `recheckTimeoutMs`; the domain then books on the cache alone.
 */
export function createCalendarBusyPort(input: {
  db: Executor;
  settings: CalendarSettings;
  now: () => number;
  logger: Logger;
}): CalendarBusyPort {
  const settings: CalendarSettings = { ...input.settings, maxAttempts: 1 };
  return {
    async busyBetween({ businessId, fromMs, toMs }) {
      const tenant = tenantContext(input.db, businessId, SYSTEM).tenant;
      const sources = (await tenant.calendar.listSources()).filter((source) => source.blocksAvailability);
      const connectionIds = [...new Set(sources.map((source) => source.connectionId))];
      const work = Promise.all(
        connectionIds.map(async (connectionId) => {
          const connection = await tenant.calendar.getConnection(connectionId);
          if (connection?.status !== 'connected') return [];
          const own = sources.filter((source) => source.connectionId === connectionId);
          const session = await openCalendarSession({
            db: input.db,
            businessId,
            connectionId,
            settings,
            now: input.now,
            logger: input.logger,
          });
          const busy = await session.run((api) =>
            api.freeBusy(
              own.map((source) => source.calendarId),
              fromMs,
              toMs,
            ),
          );
          return busy.flatMap((range) => {
            const source = own.find((candidate) => candidate.calendarId === range.calendarId);
            return source === undefined
              ? []
              : [{ sourceId: source.id, startMs: range.startMs, endMs: range.endMs }];
          });
        }),
      );
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('calendar re-check timed out')), settings.recheckTimeoutMs);
      });
      try {
        return (await Promise.race([work, timeout])).flat();
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
