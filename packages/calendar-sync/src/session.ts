import {
  calendarTokensOf,
  type Executor,
  markCalendarReconnect,
  storeRefreshedCalendarTokens,
  tenantContext,
} from '@receptionist/domain';
import type { GoogleCalendarApi } from '@receptionist/google-calendar';
import type { Logger } from 'pino';
import type { CalendarSettings } from './settings.ts';

const SYSTEM = { kind: 'system' } as const;

/**
 * A Google client for one connection: tokens decrypted from the row, refreshed tokens written back
 * (encrypted) as soon as the library refreshes them, and `reconnect` errors turning the connection into
 * "reconnect" (the owner is told once). `run` wraps each use so every caller gets that for free.
 *
 * The Google client libraries (google-auth-library, googleapis, gaxios: about 130 modules) load at the first
 * session, so a voice server whose businesses have no calendar connected never carries them.
 */
export async function openCalendarSession(input: {
  db: Executor;
  businessId: string;
  connectionId: string;
  settings: CalendarSettings;
  now: () => number;
  logger: Logger;
  sleep?: ((ms: number) => Promise<void>) | undefined;
}) {
  const tenant = tenantContext(input.db, input.businessId, SYSTEM).tenant;
  const { connection, tokens } = await calendarTokensOf({
    ctx: { tenant },
    input: { connectionId: input.connectionId },
    key: input.settings.tokenKey,
  });
  const { createGoogleCalendarApi, GoogleCalendarError } = await import('@receptionist/google-calendar');
  const pending: Promise<void>[] = [];
  const api: GoogleCalendarApi = createGoogleCalendarApi({
    app: input.settings.app,
    tokens,
    maxAttempts: input.settings.maxAttempts,
    backoffBaseMs: input.settings.backoffBaseMs,
    sleep: input.sleep,
    onTokens: (fresh) => {
      pending.push(
        storeRefreshedCalendarTokens({
          ctx: { tenant },
          input: { connectionId: connection.id, tokens: fresh },
          key: input.settings.tokenKey,
        }).catch((error: unknown) =>
          input.logger.error({ err: error }, 'could not store refreshed calendar tokens'),
        ),
      );
    },
  });
  return {
    connection,
    api,
    async run<T>(work: (api: GoogleCalendarApi) => Promise<T>): Promise<T> {
      try {
        return await work(api);
      } catch (error) {
        if (error instanceof GoogleCalendarError && error.kind === 'reconnect') {
          await markCalendarReconnect({
            ctx: { tenant, nowMs: input.now() },
            input: { connectionId: connection.id, reason: error.message },
          });
        }
        throw error;
      } finally {
        await Promise.all(pending.splice(0));
      }
    },
  };
}
