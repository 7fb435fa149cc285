import { createHash, randomBytes } from 'node:crypto';
import type { CalendarConnectionRow } from '@receptionist/db';
import { z } from 'zod';
import type { TenantContext } from '../context.ts';
import { DomainError } from '../errors.ts';
import { recordBusinessEvent } from '../events/record.ts';
import { requestCalendarSync } from './schedule.ts';
import { type CalendarTokens, decryptCalendarTokens, encryptCalendarTokens } from './token-crypto.ts';

/** How long the owner has to finish Google's consent screen. */
export const OAUTH_STATE_TTL_MS = 10 * 60_000;

type ClockedTenant = TenantContext & { nowMs: number };

/**
 * Starts connecting a Google calendar (a flow separate from sign-in): a one-time `state` and a PKCE
 * verifier kept on our side; the web app sends the owner to Google with the S256 challenge.
 */
export async function startCalendarConnection({
  ctx,
  input,
}: {
  ctx: ClockedTenant;
  input: { startedByUserId: string; memberUserId?: string | undefined };
}): Promise<{ state: string; codeChallenge: string }> {
  const parsed = z
    .object({
      startedByUserId: z.string().min(1).max(100),
      memberUserId: z.string().min(1).max(100).optional(),
    })
    .parse(input);
  if (
    parsed.memberUserId !== undefined &&
    (await ctx.tenant.members.roleOf(parsed.memberUserId)) === undefined
  ) {
    throw new DomainError('user_not_found', 'That person is not a member of this business.');
  }
  const state = randomBytes(24).toString('base64url');
  const codeVerifier = randomBytes(48).toString('base64url');
  await ctx.tenant.calendar.createOAuthState({
    state,
    memberUserId: parsed.memberUserId ?? null,
    startedByUserId: parsed.startedByUserId,
    codeVerifier,
    expiresAt: ctx.nowMs + OAUTH_STATE_TTL_MS,
  });
  return { state, codeChallenge: createHash('sha256').update(codeVerifier).digest('base64url') };
}

/**
 * Takes the state Google sent back: only once, only before it expires, only by who started it.
 * Returns the PKCE verifier for the code exchange.
 */
export async function takeCalendarAuthorization({
  ctx,
  input,
}: {
  ctx: ClockedTenant;
  input: { state: string; userId: string };
}): Promise<{ codeVerifier: string; memberUserId: string | null }> {
  const row = await ctx.tenant.calendar.takeOAuthState(z.string().min(1).max(200).parse(input.state));
  if (row === undefined || row.expiresAt < ctx.nowMs || row.startedByUserId !== input.userId) {
    throw new DomainError(
      'calendar_authorization_invalid',
      'That calendar authorization expired. Please try again.',
    );
  }
  return { codeVerifier: row.codeVerifier, memberUserId: row.memberUserId };
}

export const SaveCalendarConnectionInput = z.object({
  memberUserId: z.string().min(1).max(100).nullable(),
  accountEmail: z.string().trim().min(1).max(254),
  calendars: z
    .array(
      z.object({
        id: z.string().min(1).max(1024),
        summary: z.string().max(500),
        primary: z.boolean(),
        timeZone: z.string().max(100).optional(),
      }),
    )
    .max(500),
});

/**
 * Saves a new connection with its tokens encrypted. The primary calendar blocks availability and
 * receives bookings until the owner chooses otherwise.
 */
export async function saveCalendarConnection({
  ctx,
  input,
  key,
}: {
  ctx: ClockedTenant;
  input: z.input<typeof SaveCalendarConnectionInput> & { tokens: CalendarTokens };
  key: Buffer;
}): Promise<CalendarConnectionRow> {
  const parsed = SaveCalendarConnectionInput.parse(input);
  const primary = parsed.calendars.find((calendar) => calendar.primary) ?? parsed.calendars[0];
  return ctx.tenant.transaction(async (tenant) => {
    // Reconnecting the same account keeps its connection, its calendar choices and its event links.
    const existing = (await tenant.calendar.listConnections()).find(
      (row) => row.accountEmail === parsed.accountEmail && row.memberUserId === parsed.memberUserId,
    );
    if (existing !== undefined) {
      await tenant.calendar.updateConnection(existing.id, {
        tokensCiphertext: encryptCalendarTokens(key, input.tokens),
        status: 'connected',
        lastError: null,
      });
      const known = new Set(
        (await tenant.calendar.listSources(existing.id)).map((source) => source.calendarId),
      );
      await tenant.calendar.addSources(
        existing.id,
        parsed.calendars
          .filter((calendar) => !known.has(calendar.id))
          .map((calendar) => ({
            calendarId: calendar.id,
            summary: calendar.summary,
            timeZone: calendar.timeZone,
            blocks: false,
          })),
      );
      return { ...existing, status: 'connected' as const };
    }
    const connection = await tenant.calendar.createConnection({
      memberUserId: parsed.memberUserId,
      accountEmail: parsed.accountEmail,
      tokensCiphertext: encryptCalendarTokens(key, input.tokens),
      bookingCalendarId: primary?.id ?? null,
    });
    await tenant.calendar.addSources(
      connection.id,
      parsed.calendars.map((calendar) => ({
        calendarId: calendar.id,
        summary: calendar.summary,
        timeZone: calendar.timeZone,
        blocks: calendar.id === primary?.id,
      })),
    );
    return connection;
  });
}

export const ChooseCalendarsInput = z.object({
  connectionId: z.string().min(1).max(100),
  /** Calendars whose busy time blocks availability. */
  blockingCalendarIds: z.array(z.string().min(1).max(1024)).max(500),
  /** The calendar that receives bookings; null to stop writing bookings to Google. */
  bookingCalendarId: z.string().min(1).max(1024).nullable(),
});

/** Which calendars block availability and which one receives bookings. */
export async function chooseCalendars({
  ctx,
  input,
}: {
  ctx: ClockedTenant;
  input: z.input<typeof ChooseCalendarsInput>;
}): Promise<void> {
  const parsed = ChooseCalendarsInput.parse(input);
  const connection = await requireConnection(ctx, parsed.connectionId);
  const sources = await ctx.tenant.calendar.listSources(connection.id);
  const known = new Set(sources.map((source) => source.calendarId));
  for (const id of [
    ...parsed.blockingCalendarIds,
    ...(parsed.bookingCalendarId ? [parsed.bookingCalendarId] : []),
  ]) {
    if (!known.has(id))
      throw new DomainError('calendar_not_found', 'That calendar is not part of this connection.');
  }
  await ctx.tenant.transaction(async (tenant) => {
    for (const source of sources) {
      const blocks = parsed.blockingCalendarIds.includes(source.calendarId);
      if (blocks !== source.blocksAvailability) {
        // A calendar that starts blocking needs a full sync; one that stops keeps no busy time.
        await tenant.calendar.updateSource(source.id, {
          blocksAvailability: blocks,
          syncToken: null,
          syncedAt: null,
        });
        if (!blocks) await tenant.calendar.replaceBusy(source.id, []);
        else
          await requestCalendarSync({
            ctx: { tenant, nowMs: ctx.nowMs },
            input: { sourceId: source.id, reason: 'connect' },
          });
      }
    }
    await tenant.calendar.updateConnection(connection.id, { bookingCalendarId: parsed.bookingCalendarId });
  });
}

export async function requireConnection(
  ctx: TenantContext,
  connectionId: string,
): Promise<CalendarConnectionRow> {
  const connection = await ctx.tenant.calendar.getConnection(connectionId);
  if (connection === undefined || connection.status === 'disconnected') {
    throw new DomainError('calendar_connection_not_found', 'That calendar connection does not exist.');
  }
  return connection;
}

/** The decrypted tokens of a connection (for the worker's and the booking re-check's Google client). */
export async function calendarTokensOf({
  ctx,
  input,
  key,
}: {
  ctx: TenantContext;
  input: { connectionId: string };
  key: Buffer;
}): Promise<{ connection: CalendarConnectionRow; tokens: CalendarTokens }> {
  const connection = await requireConnection(ctx, input.connectionId);
  return { connection, tokens: decryptCalendarTokens(key, connection.tokensCiphertext) };
}

/** Keeps tokens the Google client refreshed. */
export async function storeRefreshedCalendarTokens({
  ctx,
  input,
  key,
}: {
  ctx: TenantContext;
  input: { connectionId: string; tokens: CalendarTokens };
  key: Buffer;
}): Promise<void> {
  await ctx.tenant.calendar.updateConnection(input.connectionId, {
    tokensCiphertext: encryptCalendarTokens(key, input.tokens),
    status: 'connected',
    lastError: null,
  });
}

/**
 * Google refused the refresh token: the connection shows "reconnect" and the owner is told once
 * (`calendar.needs_attention`). Its cached busy time is kept: stale busy time is safer than none.
 */
export async function markCalendarReconnect({
  ctx,
  input,
}: {
  ctx: ClockedTenant;
  input: { connectionId: string; reason: string };
}): Promise<void> {
  await ctx.tenant.transaction(async (tenant) => {
    const connection = await tenant.calendar.getConnection(input.connectionId);
    if (connection === undefined || connection.status !== 'connected') return;
    await tenant.calendar.updateConnection(connection.id, {
      status: 'reconnect',
      lastError: input.reason.slice(0, 500),
    });
    await recordBusinessEvent({
      ctx: { tenant, nowMs: ctx.nowMs },
      input: {
        type: 'calendar.needs_attention',
        data: { reason: 'reconnect', connectionId: connection.id, accountEmail: connection.accountEmail },
      },
    });
  });
}

/** Disconnects: nothing syncs any more and its busy time stops blocking. Returns the grant to revoke at Google. */
export async function disconnectCalendar({
  ctx,
  input,
  key,
}: {
  ctx: TenantContext;
  input: { connectionId: string };
  key: Buffer;
}): Promise<{ refreshToken: string | undefined }> {
  const connection = await requireConnection(ctx, input.connectionId);
  let refreshToken: string | undefined;
  try {
    refreshToken = decryptCalendarTokens(key, connection.tokensCiphertext).refreshToken;
  } catch {
    refreshToken = undefined; // unreadable tokens: nothing to revoke
  }
  await ctx.tenant.transaction(async (tenant) => {
    for (const source of await tenant.calendar.listSources(connection.id)) {
      await tenant.calendar.updateSource(source.id, { blocksAvailability: false, syncToken: null });
      await tenant.calendar.replaceBusy(source.id, []);
    }
    await tenant.calendar.updateConnection(connection.id, {
      status: 'disconnected',
      bookingCalendarId: null,
    });
  });
  return { refreshToken };
}
