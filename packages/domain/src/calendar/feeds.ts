import { createHash, randomBytes } from 'node:crypto';
import { type Executor, findCalendarFeedByTokenHash, forBusiness } from '@receptionist/db';
import { z } from 'zod';
import type { TenantContext } from '../context.ts';
import { DomainError } from '../errors.ts';
import { loadProfileFor } from '../profile/store.ts';
import { buildIcs, type IcsEntry } from './ics.ts';

const DAY_MS = 86_400_000;
/** How far back a feed reaches: recent history stays visible in the subscriber's calendar. */
const FEED_PAST_DAYS = 30;

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export const CreateCalendarFeedInput = z.object({
  /** A staff member's feed; absent for the whole business. */
  memberUserId: z.string().trim().min(1).max(100).optional(),
});

/**
 * Creates a feed and returns its secret token (shown once: only its SHA-256 is stored). The URL is
 * `<origin>/ics/<token>.ics`; revoking the feed makes it answer 404.
 */
export async function createCalendarFeed({
  ctx,
  input,
}: {
  ctx: TenantContext;
  input: z.input<typeof CreateCalendarFeedInput>;
}): Promise<{ id: string; token: string }> {
  const parsed = CreateCalendarFeedInput.parse(input);
  if (
    parsed.memberUserId !== undefined &&
    (await ctx.tenant.members.roleOf(parsed.memberUserId)) === undefined
  ) {
    throw new DomainError('user_not_found', 'That person is not a member of this business.');
  }
  const token = randomBytes(24).toString('base64url');
  const row = await ctx.tenant.calendar.createFeed({
    memberUserId: parsed.memberUserId ?? null,
    tokenHash: hashToken(token),
  });
  return { id: row.id, token };
}

export async function revokeCalendarFeed({
  ctx,
  input,
}: {
  ctx: TenantContext & { nowMs: number };
  input: { feedId: string };
}): Promise<void> {
  const feedId = z.string().trim().min(1).max(100).parse(input.feedId);
  try {
    await ctx.tenant.calendar.revokeFeed(feedId, ctx.nowMs);
  } catch (error) {
    throw new DomainError('calendar_feed_not_found', 'That calendar feed does not exist.', { cause: error });
  }
}

/**
 * The ICS text of the feed a secret token names, or DomainError `calendar_feed_not_found` for an unknown
 * or revoked token. Booked appointments from a month back to the booking horizon. The business has one
 * calendar (appointments are not assigned to staff), so a staff member's feed lists the same bookings
 * under their own revocable URL.
 */
export async function calendarFeedIcs({
  ctx,
  input,
}: {
  ctx: { db: Executor; nowMs: number };
  input: { token: string };
}): Promise<{ ics: string; businessName: string }> {
  const token = z.string().trim().min(16).max(200).safeParse(input.token);
  const feed = token.success ? await findCalendarFeedByTokenHash(ctx.db, hashToken(token.data)) : undefined;
  if (feed === undefined)
    throw new DomainError('calendar_feed_not_found', 'This calendar feed does not exist.');
  const tenant = forBusiness(ctx.db, feed.businessId);
  const profile = await loadProfileFor(tenant);
  const rows = await tenant.appointments.list({
    fromMs: ctx.nowMs - FEED_PAST_DAYS * DAY_MS,
    toMs: ctx.nowMs + (profile.bookingRules.horizonDays + 1) * DAY_MS,
    status: 'booked',
  });
  const entries: IcsEntry[] = [];
  for (const row of rows) {
    const service =
      profile.services.find((candidate) => candidate.id === row.serviceId)?.name ?? 'Appointment';
    const customer = await tenant.customers.get(row.customerId);
    entries.push({
      appointmentId: row.id,
      startAt: row.startAt,
      endAt: row.endAt,
      summary: customer?.name ? `${service} — ${customer.name}` : service,
      description: row.notes ?? undefined,
    });
  }
  return {
    ics: buildIcs({ name: profile.name, timeZone: profile.timeZone, entries, nowMs: ctx.nowMs }),
    businessName: profile.name,
  };
}
