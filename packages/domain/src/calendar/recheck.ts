import { type DomainContext, requireSlot, resolveService } from '../availability/index.ts';
import type { Slot } from '../availability/slots.ts';
import { DomainError } from '../errors.ts';
import { IsoDate, LocalTime } from '../profile/schema.ts';
import { z } from 'zod';

/**
 * The live busy time of a business's blocking calendars (Google's freeBusy), as a port: the domain does
 * no network I/O. The worker package implements it; the voice server and the dashboard pass it in.
 */
export interface CalendarBusyPort {
  /** Busy ranges overlapping [fromMs, toMs) in every blocking calendar of the business. */
  busyBetween(input: {
    businessId: string;
    fromMs: number;
    toMs: number;
  }): Promise<Array<{ sourceId: string; startMs: number; endMs: number }>>;
}

export const ConfirmSlotInput = z.object({
  service: z.string().trim().min(1).max(100),
  date: IsoDate,
  time: LocalTime,
  /** The booking being moved (its own Google event does not block its new time). */
  appointmentId: z.string().trim().min(1).max(100).optional(),
});

/**
 * The booking re-check: asks the calendars (through the port) whether the slot is still free right
 * before a booking or a move commits, because the busy cache may be minutes old. Anything found is
 * written to the busy cache, so the verb that runs next refuses the slot and offers the nearest free
 * times ("2 PM was just taken; 3 PM is free") exactly as for a slot another caller took.
 *
 * Why here and not inside the verb: verbs run in one write transaction (for a call, inside actOnce's),
 * and a network round trip must never hold the write lock. So the tool layer (receptionist tools, the
 * dashboard's action) calls this first, outside any transaction, then the verb. Ranges of events we
 * created ourselves (linked to appointments) are not counted: the database already knows those.
 * A calendar that cannot be reached does not stop the booking: the cache still applied.
 */
export async function confirmSlotWithCalendars({
  ctx,
  input,
  calendars,
}: {
  ctx: DomainContext;
  input: z.input<typeof ConfirmSlotInput>;
  calendars: CalendarBusyPort;
}): Promise<{ checked: boolean; conflict: boolean }> {
  const parsed = ConfirmSlotInput.parse(input);
  let slot: Slot;
  try {
    const service = resolveService(ctx.profile, parsed.service);
    slot = await requireSlot(ctx, {
      service,
      date: parsed.date,
      time: parsed.time,
      ...(parsed.appointmentId === undefined ? {} : { ignoreAppointmentId: parsed.appointmentId }),
    });
  } catch (error) {
    if (error instanceof DomainError) return { checked: false, conflict: false }; // the verb will say why
    throw error;
  }
  const sources = (await ctx.tenant.calendar.listSources()).filter((source) => source.blocksAvailability);
  if (sources.length === 0) return { checked: false, conflict: false };
  let busy: Array<{ sourceId: string; startMs: number; endMs: number }>;
  try {
    busy = await calendars.busyBetween({
      businessId: ctx.tenant.businessId,
      fromMs: slot.startAt,
      toMs: slot.blockedUntil,
    });
  } catch {
    return { checked: false, conflict: false };
  }
  const ours = await ctx.tenant.calendar.listLinkRanges(slot.startAt, slot.blockedUntil);
  const foreign = busy.filter((range) => !coveredBy(range, ours));
  if (foreign.length === 0) return { checked: true, conflict: false };
  await ctx.tenant.transaction(async (tenant) => {
    for (const range of foreign) {
      await tenant.calendar.upsertBusy(range.sourceId, [
        {
          externalId: `freebusy:${range.startMs}-${range.endMs}`,
          startAt: range.startMs,
          endAt: range.endMs,
        },
      ]);
    }
  });
  return { checked: true, conflict: true };
}

/** Whether our own events cover the whole range (freeBusy merges theirs and ours into one range). */
function coveredBy(
  range: { startMs: number; endMs: number },
  ours: Array<{ startAt: number; endAt: number }>,
): boolean {
  let cursor = range.startMs;
  for (const own of [...ours].sort((a, b) => a.startAt - b.startAt)) {
    if (own.startAt > cursor) break;
    cursor = Math.max(cursor, own.endAt);
    if (cursor >= range.endMs) return true;
  }
  return cursor >= range.endMs;
}
