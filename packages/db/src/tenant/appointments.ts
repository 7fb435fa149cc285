import { and, asc, eq, gt, gte, lt, ne, type SQL } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { AppointmentOverlapError, DbError, isAppointmentOverlap, NotFoundError } from '../errors.ts';
import { nowMs } from '../ids.ts';
import {
  type AppointmentRow,
  type AppointmentStatus,
  appointments,
  customers,
  services,
} from '../schema/index.ts';

export interface BookAppointmentInput {
  serviceId: string;
  customerId: string;
  /** UTC epoch ms. */
  startAt: number;
  endAt: number;
  /** `endAt` plus the service buffer. */
  blockedUntil: number;
  notes?: string | undefined;
  createdByCallId?: string | undefined;
}

export interface MoveAppointmentInput {
  startAt: number;
  endAt: number;
  blockedUntil: number;
}

/**
 * The calendar. Writes run in a write transaction (BEGIN IMMEDIATE, or a savepoint inside the caller's
 * transaction) that re-checks for overlap; the database trigger and unique index back it up.
 */
export function createAppointmentsDal(ex: Executor, businessId: string) {
  const own = (appointmentId: string) =>
    and(eq(appointments.id, appointmentId), eq(appointments.businessId, businessId));

  /** Live bookings whose busy range [startAt, blockedUntil) meets [fromMs, toMs). */
  function busyWhere(fromMs: number, toMs: number, exceptId?: string): SQL {
    const conditions = [
      eq(appointments.businessId, businessId),
      eq(appointments.status, 'booked'),
      lt(appointments.startAt, toMs),
      gt(appointments.blockedUntil, fromMs),
    ];
    if (exceptId !== undefined) conditions.push(ne(appointments.id, exceptId));
    return and(...conditions)!;
  }

  return {
    async get(appointmentId: string): Promise<AppointmentRow | undefined> {
      const [row] = await ex.select().from(appointments).where(own(appointmentId)).limit(1);
      return row;
    },

    /** Live bookings that keep the calendar busy at any point in [fromMs, toMs). */
    async listBusy(fromMs: number, toMs: number): Promise<AppointmentRow[]> {
      return ex.select().from(appointments).where(busyWhere(fromMs, toMs)).orderBy(asc(appointments.startAt));
    },

    /** Appointments starting in [fromMs, toMs), any status unless filtered. */
    async list(filters: {
      fromMs: number;
      toMs: number;
      status?: AppointmentStatus;
    }): Promise<AppointmentRow[]> {
      const conditions = [
        eq(appointments.businessId, businessId),
        gte(appointments.startAt, filters.fromMs),
        lt(appointments.startAt, filters.toMs),
      ];
      if (filters.status !== undefined) conditions.push(eq(appointments.status, filters.status));
      return ex
        .select()
        .from(appointments)
        .where(and(...conditions))
        .orderBy(asc(appointments.startAt));
    },

    /** A customer's live bookings starting at or after `fromMs`, soonest first. */
    async listForCustomer(customerId: string, options: { fromMs?: number } = {}): Promise<AppointmentRow[]> {
      return ex
        .select()
        .from(appointments)
        .where(
          and(
            eq(appointments.businessId, businessId),
            eq(appointments.customerId, customerId),
            eq(appointments.status, 'booked'),
            gte(appointments.startAt, options.fromMs ?? 0),
          ),
        )
        .orderBy(asc(appointments.startAt));
    },

    /** Books the slot or throws AppointmentOverlapError; nothing is written on any failure. */
    async book(input: BookAppointmentInput): Promise<AppointmentRow> {
      return runWrite(ex, async (tx) => {
        const [service] = await tx
          .select({ id: services.id })
          .from(services)
          .where(
            and(
              eq(services.businessId, businessId),
              eq(services.id, input.serviceId),
              eq(services.active, true),
            ),
          )
          .limit(1);
        if (service === undefined) throw new NotFoundError('service', input.serviceId);
        const [customer] = await tx
          .select({ id: customers.id })
          .from(customers)
          .where(and(eq(customers.businessId, businessId), eq(customers.id, input.customerId)))
          .limit(1);
        if (customer === undefined) throw new NotFoundError('customer', input.customerId);
        const [clash] = await tx
          .select({ id: appointments.id })
          .from(appointments)
          .where(busyWhere(input.startAt, input.blockedUntil))
          .limit(1);
        if (clash !== undefined) throw new AppointmentOverlapError();
        const [row] = await tx
          .insert(appointments)
          .values({
            businessId,
            serviceId: input.serviceId,
            customerId: input.customerId,
            startAt: input.startAt,
            endAt: input.endAt,
            blockedUntil: input.blockedUntil,
            notes: input.notes ?? null,
            createdByCallId: input.createdByCallId ?? null,
          })
          .returning();
        return row!;
      });
    },

    /** Moves a live booking; the old slot frees up in the same transaction. */
    async reschedule(appointmentId: string, input: MoveAppointmentInput): Promise<AppointmentRow> {
      return runWrite(ex, async (tx) => {
        const [current] = await tx.select().from(appointments).where(own(appointmentId)).limit(1);
        if (current === undefined || current.status !== 'booked') {
          throw new NotFoundError('appointment', appointmentId);
        }
        const [clash] = await tx
          .select({ id: appointments.id })
          .from(appointments)
          .where(busyWhere(input.startAt, input.blockedUntil, appointmentId))
          .limit(1);
        if (clash !== undefined) throw new AppointmentOverlapError();
        const [row] = await tx
          .update(appointments)
          .set({ startAt: input.startAt, endAt: input.endAt, blockedUntil: input.blockedUntil })
          .where(own(appointmentId))
          .returning();
        return row!;
      });
    },

    /** Cancels a live booking; cancelling a cancelled one returns it unchanged. */
    async cancel(appointmentId: string): Promise<AppointmentRow> {
      const [row] = await ex
        .update(appointments)
        .set({ status: 'cancelled', cancelledAt: nowMs() })
        .where(and(own(appointmentId), eq(appointments.status, 'booked')))
        .returning();
      if (row !== undefined) return row;
      const [existing] = await ex.select().from(appointments).where(own(appointmentId)).limit(1);
      if (existing === undefined) throw new NotFoundError('appointment', appointmentId);
      return existing;
    },
  };
}

/** Runs `work` in a write transaction and turns the database's overlap guards into AppointmentOverlapError. */
async function runWrite<T>(ex: Executor, work: (tx: Executor) => Promise<T>): Promise<T> {
  try {
    return await ex.transaction((tx) => work(tx));
  } catch (error) {
    if (error instanceof DbError) throw error;
    if (isAppointmentOverlap(error)) throw new AppointmentOverlapError(undefined, error);
    throw error;
  }
}

export type AppointmentsDal = ReturnType<typeof createAppointmentsDal>;
