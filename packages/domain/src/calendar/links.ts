import type { CalendarEventLinkRow } from '@receptionist/db';
import type { TenantContext } from '../context.ts';

/**
 * Remembers where our event for an appointment is in Google (or that it was deleted), after the worker
 * created, moved or deleted it: the next mirror of the same appointment is then a no-op.
 */
export async function saveCalendarEventLink({
  ctx,
  input,
}: {
  ctx: TenantContext;
  input: Omit<CalendarEventLinkRow, 'id' | 'businessId' | 'createdAt' | 'updatedAt'>;
}): Promise<void> {
  await ctx.tenant.calendar.saveLink(input);
}

/** Records the push channel the worker opened for a calendar (its token authenticates Google's posts). */
export async function saveCalendarChannel({
  ctx,
  input,
}: {
  ctx: TenantContext;
  input: { sourceId: string; channelId: string; resourceId: string; token: string; expiresAt: number };
}): Promise<void> {
  await ctx.tenant.calendar.updateSource(input.sourceId, {
    channelId: input.channelId,
    channelResourceId: input.resourceId,
    channelToken: input.token,
    channelExpiresAt: input.expiresAt,
  });
}
