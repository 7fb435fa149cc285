import type { TenantDb } from '@receptionist/db';
import type { Actor } from '../context.ts';
import { DomainError } from '../errors.ts';
import { type BusinessProfile, minutesOfDay, type ServiceProfile } from '../profile/schema.ts';
import {
  addDays,
  assertBookableDate,
  dayOpening,
  formatDate,
  formatTime,
  localTimeToInstant,
} from './calendar.ts';
import { computeSlots, type Slot } from './slots.ts';

export * from './calendar.ts';
export * from './slots.ts';

/** What every domain verb works with: the tenant, its profile and the clock. */
export interface DomainContext {
  tenant: TenantDb;
  profile: BusinessProfile;
  nowMs: number;
  /** The call this action happens on, when it does. */
  callId?: string | undefined;
  /** Caller ID (E.164) when known. */
  callerNumber?: string | undefined;
  /** Who acts; absent means the caller on the line (see actorOf). */
  actor?: Actor | undefined;
}

/** Longest stretch one availability question may cover. */
export const MAX_RANGE_DAYS = 14;
const DAY_MS = 86_400_000;

/** Finds a service by id or by (partial, case-insensitive) name. */
export function resolveService(profile: BusinessProfile, idOrName: string): ServiceProfile {
  const wanted = idOrName.trim().toLowerCase();
  const byId = profile.services.find((service) => service.id === wanted);
  if (byId !== undefined) return byId;
  const exact = profile.services.filter((service) => service.name.toLowerCase() === wanted);
  if (exact.length === 1) return exact[0]!;
  const partial = profile.services.filter(
    (service) =>
      service.name.toLowerCase().includes(wanted) ||
      (wanted.length >= 4 && wanted.includes(service.name.toLowerCase())),
  );
  if (partial.length === 1 && wanted !== '') return partial[0]!;
  const names = profile.services.map((service) => service.name);
  throw new DomainError(
    'unknown_service',
    names.length === 0
      ? "I'm sorry, we don't take bookings by phone."
      : `I don't have a service called "${idOrName}". We offer ${joinWords(names)}.`,
    { details: { services: profile.services.map((service) => ({ id: service.id, name: service.name })) } },
  );
}

/** Free slots for a service between two local dates (inclusive). */
export async function findSlots(
  ctx: DomainContext,
  input: { service: ServiceProfile; fromDate: string; toDate?: string; ignoreAppointmentId?: string },
): Promise<Slot[]> {
  const toDate = input.toDate ?? input.fromDate;
  assertBookableDate(ctx.profile, input.fromDate, ctx.nowMs);
  if (toDate < input.fromDate || toDate > addDays(input.fromDate, MAX_RANGE_DAYS - 1)) {
    throw new DomainError('invalid_date', `I can check up to ${MAX_RANGE_DAYS} days at a time.`);
  }
  const rangeStart = (localTimeToInstant(ctx.profile.timeZone, input.fromDate, 0) ?? ctx.nowMs) - DAY_MS;
  const rangeEnd = (localTimeToInstant(ctx.profile.timeZone, toDate, 0) ?? ctx.nowMs) + 2 * DAY_MS;
  const appointments = (await ctx.tenant.appointments.listBusy(rangeStart, rangeEnd)).filter(
    (appointment) => appointment.id !== input.ignoreAppointmentId,
  );
  // Busy time of the connected calendars that block availability, from the cache the worker keeps fresh
  // (incremental sync, push): a slot query never waits on Google. Bookings re-check live first.
  const calendarBusy = (await ctx.tenant.calendar.listBusy(rangeStart, rangeEnd)).map((range) => ({
    startAt: range.startAt,
    blockedUntil: range.endAt,
  }));
  const busy = [...appointments, ...calendarBusy];
  return computeSlots({
    profile: ctx.profile,
    service: input.service,
    busy,
    fromDate: input.fromDate,
    toDate,
    nowMs: ctx.nowMs,
  });
}

/**
 * The slot starting at a local date and time, or a DomainError saying why not and offering the
 * nearest free times ("2:00 PM was just taken; 3:00 PM is free").
 */
export async function requireSlot(
  ctx: DomainContext,
  input: {
    service: ServiceProfile;
    date: string;
    time: string;
    ignoreAppointmentId?: string;
    justTaken?: boolean;
  },
): Promise<Slot> {
  const daySlots = await findSlots(ctx, {
    service: input.service,
    fromDate: input.date,
    ignoreAppointmentId: input.ignoreAppointmentId,
  });
  const slot = daySlots.find((candidate) => candidate.time === input.time);
  if (slot !== undefined) return slot;
  throw await unavailableError(ctx, input, daySlots);
}

/**
 * Why a slot that looked free could not be booked after all (another caller won the race), with the
 * nearest free times as they are now.
 */
export async function explainTakenSlot(
  ctx: DomainContext,
  input: { service: ServiceProfile; date: string; time: string; ignoreAppointmentId?: string },
): Promise<DomainError> {
  const daySlots = await findSlots(ctx, {
    service: input.service,
    fromDate: input.date,
    ignoreAppointmentId: input.ignoreAppointmentId,
  });
  return unavailableError(ctx, { ...input, justTaken: true }, daySlots);
}

async function unavailableError(
  ctx: DomainContext,
  input: {
    service: ServiceProfile;
    date: string;
    time: string;
    ignoreAppointmentId?: string;
    justTaken?: boolean;
  },
  daySlots: Slot[],
): Promise<DomainError> {
  const { profile } = ctx;
  const when = `${formatDate(profile, input.date)} at ${formatWallTime(input.time)}`;
  const alternatives = nearest(daySlots, input.time, 3);
  const details = { alternatives: alternatives.map(({ date, time }) => ({ date, time })) };
  const offer =
    alternatives.length > 0 ? ` ${freeSentence(ctx, alternatives)}` : await nextDaySentence(ctx, input);

  const opening = dayOpening(profile, input.date);
  if (!opening.open) {
    const why = opening.reason === 'closure' && opening.note ? ` (${opening.note})` : '';
    return new DomainError('closed', `We're closed on ${formatDate(profile, input.date)}${why}.${offer}`, {
      details,
    });
  }
  const minute = minutesOfDay(input.time);
  const inWindow = opening.windows.some(
    (window) => minute >= window.startMinute && minute + input.service.durationMinutes <= window.endMinute,
  );
  if (!inWindow) {
    return new DomainError(
      'outside_hours',
      `${when} is outside our hours for a ${input.service.name}.${offer}`,
      {
        details,
      },
    );
  }
  const startAt = localTimeToInstant(profile.timeZone, input.date, minute);
  if (startAt === undefined) {
    return new DomainError(
      'outside_hours',
      `${formatWallTime(input.time)} doesn't exist that day because of the clock change.${offer}`,
      { details },
    );
  }
  if (startAt < ctx.nowMs) {
    return new DomainError('in_past', `${when} has already passed.${offer}`, { details });
  }
  if (startAt < ctx.nowMs + profile.bookingRules.leadTimeMinutes * 60_000) {
    return new DomainError('too_soon', `${when} is too soon to book.${offer}`, { details });
  }
  if (minute % profile.bookingRules.slotGranularityMinutes !== 0) {
    return new DomainError(
      'outside_hours',
      `Appointments start every ${profile.bookingRules.slotGranularityMinutes} minutes, so I can't book ${formatWallTime(input.time)}.${offer}`,
      { details },
    );
  }
  const verb = input.justTaken ? 'was just taken' : 'is already taken';
  return new DomainError(
    'slot_taken',
    `${formatWallTime(input.time)} on ${formatDate(profile, input.date)} ${verb}.${offer}`,
    {
      details,
    },
  );
}

function nearest(slots: Slot[], time: string, count: number): Slot[] {
  const target = minutesOfDay(time);
  return [...slots]
    .sort((a, b) => Math.abs(minutesOfDay(a.time) - target) - Math.abs(minutesOfDay(b.time) - target))
    .slice(0, count)
    .sort((a, b) => a.startAt - b.startAt);
}

function freeSentence(ctx: DomainContext, slots: Slot[]): string {
  const times = slots.map((slot) => formatTime(ctx.profile, slot.startAt));
  return `${joinWords(times)} ${slots.length === 1 ? 'is' : 'are'} free.`;
}

async function nextDaySentence(
  ctx: DomainContext,
  input: { service: ServiceProfile; date: string },
): Promise<string> {
  const next = await findNextFreeDay(ctx, input.service, addDays(input.date, 1));
  if (next === undefined) return '';
  return ` The next opening is ${formatDate(ctx.profile, next.date)} at ${formatTime(ctx.profile, next.startAt)}.`;
}

/** The first free slot on or after `fromDate`, looking one range ahead; undefined past the horizon. */
export async function findNextFreeDay(
  ctx: DomainContext,
  service: ServiceProfile,
  fromDate: string,
): Promise<Slot | undefined> {
  try {
    const slots = await findSlots(ctx, { service, fromDate, toDate: addDays(fromDate, MAX_RANGE_DAYS - 1) });
    return slots[0];
  } catch (error) {
    if (error instanceof DomainError) return undefined;
    throw error;
  }
}

/** "14:00" → "2:00 PM". */
export function formatWallTime(time: string): string {
  const minute = minutesOfDay(time);
  const hour = Math.floor(minute / 60);
  const suffix = hour < 12 ? 'AM' : 'PM';
  return `${hour % 12 === 0 ? 12 : hour % 12}:${String(minute % 60).padStart(2, '0')} ${suffix}`;
}

/** "a, b and c". */
export function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
