'use server';

import {
  chooseCalendars,
  createCalendarFeed,
  disconnectCalendar,
  isDomainError,
  revokeCalendarFeed,
  tenantContext,
} from '@receptionist/domain';
import { revokeGrant } from '@receptionist/google-calendar';
import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { z } from 'zod';
import { getEnv } from '../../../../../env.ts';
import { requireBusinessAccess, requireOwner } from '../../../../../server/auth/current-user.ts';
import { calendarOAuthApp } from '../../../../../server/calendar/google-app.ts';
import { systemClock } from '../../../../../server/clock.ts';
import { getDb } from '../../../../../server/db.ts';
import { assertSameOriginAction } from '../../../../../server/http/action-guard.ts';
import { log } from '../../../../../server/log.ts';

/** Calendar settings from the dashboard: every write through a domain verb. */

export interface FeedState {
  url?: string;
  error?: string;
}

const settingsPath = (businessId: string) => `/b/${businessId}/settings/calendar`;

async function origin(): Promise<string> {
  const configured = getEnv().webPublicUrl;
  if (configured !== undefined) return configured;
  const requestHeaders = await headers();
  const host = requestHeaders.get('host') ?? 'localhost:3000';
  const proto = requestHeaders.get('x-forwarded-proto') ?? 'http';
  return `${proto}://${host}`;
}

const Choose = z.object({
  businessId: z.string().min(1),
  connectionId: z.string().min(1),
  blocking: z.array(z.string().min(1)),
  booking: z.string().optional(),
});

/** Which calendars block availability and which one receives bookings. */
export async function chooseCalendarsAction(formData: FormData): Promise<void> {
  await assertSameOriginAction();
  const input = Choose.parse({
    businessId: formData.get('businessId'),
    connectionId: formData.get('connectionId'),
    blocking: formData.getAll('blocking'),
    booking: formData.get('booking') ?? undefined,
  });
  const { user } = await requireOwner(input.businessId);
  await chooseCalendars({
    ctx: {
      ...tenantContext(await getDb(), input.businessId, { kind: 'staff', userId: user.id }),
      nowMs: systemClock(),
    },
    input: {
      connectionId: input.connectionId,
      blockingCalendarIds: input.blocking,
      bookingCalendarId: input.booking === undefined || input.booking === '' ? null : input.booking,
    },
  });
  revalidatePath(settingsPath(input.businessId));
}

/** Disconnects and revokes the grant at Google (best effort: the connection is gone either way). */
export async function disconnectCalendarAction(formData: FormData): Promise<void> {
  await assertSameOriginAction();
  const input = z.object({ businessId: z.string().min(1), connectionId: z.string().min(1) }).parse({
    businessId: formData.get('businessId'),
    connectionId: formData.get('connectionId'),
  });
  const { user } = await requireOwner(input.businessId);
  const config = getEnv().calendar;
  if (config === undefined) return;
  const { refreshToken } = await disconnectCalendar({
    ctx: tenantContext(await getDb(), input.businessId, { kind: 'staff', userId: user.id }),
    input: { connectionId: input.connectionId },
    key: config.tokenKey,
  });
  if (refreshToken !== undefined) {
    await revokeGrant(calendarOAuthApp(config, await origin()), refreshToken).catch((error: unknown) =>
      log.warn({ err: error, businessId: input.businessId }, 'could not revoke the calendar grant at Google'),
    );
  }
  revalidatePath(settingsPath(input.businessId));
}

/** A new secret feed URL (shown once). Owners make the business's feed; any member their own. */
export async function createFeedAction(_previous: FeedState, formData: FormData): Promise<FeedState> {
  await assertSameOriginAction();
  const input = z
    .object({ businessId: z.string().min(1), scope: z.enum(['business', 'me']) })
    .safeParse({ businessId: formData.get('businessId'), scope: formData.get('scope') });
  if (!input.success) return { error: 'Check the form' };
  const access =
    input.data.scope === 'me'
      ? await requireBusinessAccess(input.data.businessId)
      : await requireOwner(input.data.businessId);
  try {
    const feed = await createCalendarFeed({
      ctx: tenantContext(await getDb(), input.data.businessId, { kind: 'staff', userId: access.user.id }),
      input: input.data.scope === 'me' ? { memberUserId: access.user.id } : {},
    });
    revalidatePath(settingsPath(input.data.businessId));
    return { url: `${await origin()}/ics/${feed.token}.ics` };
  } catch (error) {
    if (isDomainError(error)) return { error: error.message };
    throw error;
  }
}

export async function revokeFeedAction(formData: FormData): Promise<void> {
  await assertSameOriginAction();
  const input = z.object({ businessId: z.string().min(1), feedId: z.string().min(1) }).parse({
    businessId: formData.get('businessId'),
    feedId: formData.get('feedId'),
  });
  const { user } = await requireOwner(input.businessId);
  await revokeCalendarFeed({
    ctx: {
      ...tenantContext(await getDb(), input.businessId, { kind: 'staff', userId: user.id }),
      nowMs: systemClock(),
    },
    input: { feedId: input.feedId },
  });
  revalidatePath(settingsPath(input.businessId));
}
