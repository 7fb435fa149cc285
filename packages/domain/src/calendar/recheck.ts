import { z } from 'zod';
import { resolveAppointment } from '../appointments/locate.ts';
import { RescheduleAppointmentInput } from '../appointments/reschedule.ts';
import { serviceOf } from '../appointments/service-of.ts';
import {
  addDays,
  type DomainContext,
  localTimeToInstant,
  requireSlot,
  resolveService,
} from '../availability/index.ts';
import type { Slot } from '../availability/slots.ts';
import { DomainError } from '../errors.ts';
import { IsoDate, LocalTime } from '../profile/schema.ts';

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
    const service =
      ctx.profile.services.find((candidate) => candidate.id === parsed.service) ??
      resolveService(ctx.profile, parsed.service);
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
  // The whole local day is asked for, not just the slot: freeBusy clips ranges to the window, and the
  // times offered instead must be free of the same event too.
  const dayStart = localTimeToInstant(ctx.profile.timeZone, parsed.date, 0) ?? slot.startAt;
  const dayEnd = Math.max(
    slot.blockedUntil,
    localTimeToInstant(ctx.profile.timeZone, addDays(parsed.date, 1), 0) ?? slot.blockedUntil,
  );
  let busy: Array<{ sourceId: string; startMs: number; endMs: number }>;
  try {
    busy = await calendars.busyBetween({ businessId: ctx.tenant.businessId, fromMs: dayStart, toMs: dayEnd });
  } catch {
    return { checked: false, conflict: false };
  }
  const ours = await ctx.tenant.calendar.listLinkRanges(dayStart, dayEnd);
  const foreign = busy.filter((range) => !coveredBy(range, ours));
  const conflict = foreign.some((range) => range.startMs < slot.blockedUntil && range.endMs > slot.startAt);
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
  return { checked: true, conflict };
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

/**
 * The re-check before a move: finds the booking as the reschedule verb will (the caller verified the
 * same way) and re-checks its new slot. Anything the verb would refuse is left for the verb to say.
 */
export async function confirmMoveWithCalendars({
  ctx,
  input,
  calendars,
}: {
  ctx: DomainContext;
  input: z.input<typeof RescheduleAppointmentInput>;
  calendars: CalendarBusyPort;
}): Promise<{ checked: boolean; conflict: boolean }> {
  const parsed = RescheduleAppointmentInput.safeParse(input);
  if (!parsed.success) return { checked: false, conflict: false };
  let current: Awaited<ReturnType<typeof resolveAppointment>>;
  try {
    current = await resolveAppointment(ctx, {
      appointmentId: parsed.data.appointmentId,
      customerName: parsed.data.customerName,
      date: parsed.data.currentDate,
      mustBeBooked: true,
    });
  } catch (error) {
    if (error instanceof DomainError) return { checked: false, conflict: false };
    throw error;
  }
  const service = await serviceOf(ctx, current);
  return confirmSlotWithCalendars({
    ctx,
    input: {
      service: service.id,
      date: parsed.data.newDate,
      time: parsed.data.newTime,
      appointmentId: current.id,
    },
    calendars,
  });
}
