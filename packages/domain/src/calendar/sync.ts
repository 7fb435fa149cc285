import type { BusyRange } from '@receptionist/db';
import { z } from 'zod';
import type { TenantContext } from '../context.ts';
import { DomainError } from '../errors.ts';

/** An event from Google's `events.list`, as sync needs it (the worker maps the client's snapshot). */
export const SyncedEvent = z.object({
  id: z.string().min(1),
  status: z.enum(['confirmed', 'tentative', 'cancelled']),
  startMs: z.number().int().optional(),
  endMs: z.number().int().optional(),
  transparent: z.boolean(),
  /** Our appointment id when the event is one we created (its private extended property). */
  appointmentId: z.string().optional(),
});
export type SyncedEvent = z.infer<typeof SyncedEvent>;

/** A change the owner made in Google to an event that mirrors one of our appointments. */
export type ExternalEventChange =
  | { appointmentId: string; kind: 'moved'; startAt: number; endAt: number }
  | { appointmentId: string; kind: 'deleted' };

/**
 * Applies one listing of a calendar to the busy cache: a full listing replaces it, an incremental one
 * (after a sync token) updates it. Events we created are not busy time (their appointment already
 * blocks the slot); instead, when they moved or were deleted in Google, they come back as changes for
 * `applyExternalEventChange`. Free ("transparent") and cancelled events do not block.
 */
export async function applyCalendarSync({
  ctx,
  input,
}: {
  ctx: TenantContext & { nowMs: number };
  input: {
    sourceId: string;
    mode: 'full' | 'delta';
    events: SyncedEvent[];
    nextSyncToken: string | undefined;
  };
}): Promise<{ changes: ExternalEventChange[]; busy: number }> {
  const events = z.array(SyncedEvent).parse(input.events);
  const source = await ctx.tenant.calendar.getSource(input.sourceId);
  if (source === undefined) throw new DomainError('calendar_not_found', 'That calendar is not connected.');
  const busy: BusyRange[] = [];
  const freed: string[] = [];
  const changes: ExternalEventChange[] = [];
  for (const event of events) {
    if (event.appointmentId !== undefined) {
      const link = await ctx.tenant.calendar.findLinkByEvent(source.connectionId, event.id);
      if (link === undefined || link.appointmentId !== event.appointmentId) continue; // not ours to follow
      if (event.status === 'cancelled') changes.push({ appointmentId: link.appointmentId, kind: 'deleted' });
      else if (event.startMs !== undefined && event.endMs !== undefined && event.startMs !== link.startAt) {
        changes.push({
          appointmentId: link.appointmentId,
          kind: 'moved',
          startAt: event.startMs,
          endAt: event.endMs,
        });
      }
      continue;
    }
    const blocks =
      event.status !== 'cancelled' &&
      !event.transparent &&
      event.startMs !== undefined &&
      event.endMs !== undefined;
    if (blocks) busy.push({ externalId: event.id, startAt: event.startMs!, endAt: event.endMs! });
    else freed.push(event.id);
  }
  await ctx.tenant.transaction(async (tenant) => {
    if (input.mode === 'full') await tenant.calendar.replaceBusy(source.id, busy);
    else {
      await tenant.calendar.deleteRecheckBusy(source.id);
      await tenant.calendar.deleteBusy(source.id, freed);
      await tenant.calendar.upsertBusy(source.id, busy);
    }
    await tenant.calendar.updateSource(source.id, {
      syncToken: input.nextSyncToken ?? null,
      syncedAt: ctx.nowMs,
    });
  });
  return { changes, busy: busy.length };
}
