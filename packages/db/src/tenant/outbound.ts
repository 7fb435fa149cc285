import { and, count, desc, eq, gte, inArray } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { NotFoundError } from '../errors.ts';
import { nowMs } from '../ids.ts';
import {
  type AppointmentReminderRow,
  appointmentReminders,
  type CallRow,
  calls,
  type DoNotContactRow,
  doNotContact,
  type OutboundCallRow,
  type OutboundPurpose,
  type OutboundStatus,
  outboundCalls,
  type ReminderChannel,
  type ReminderStatus,
  type WaitlistEntryRow,
  type WaitlistStatus,
  waitlistEntries,
} from '../schema/index.ts';

export interface CreateOutboundCallInput {
  purpose: OutboundPurpose;
  toNumber: string;
  fromNumber: string;
  appointmentId?: string | undefined;
  appointmentStartAt?: number | undefined;
  messageId?: string | undefined;
  note?: string | undefined;
  nextAttemptAt: number;
  dedupeKey?: string | undefined;
  engine: string;
}

export type OutboundCallPatch = Partial<
  Pick<
    OutboundCallRow,
    'status' | 'attempts' | 'nextAttemptAt' | 'twilioCallSid' | 'answeredBy' | 'lastError' | 'lastDialAt'
  >
>;

/**
 * Calls the receptionist places, reminders, the do-not-contact list and the waitlist. An outbound call is
 * two rows made together: its call-log row (`calls`, direction `outbound`, status `queued`) and its request.
 */
export function createOutboundDal(ex: Executor, businessId: string) {
  const ownCall = (id: string) => and(eq(outboundCalls.id, id), eq(outboundCalls.businessId, businessId));
  return {
    /** Creates both rows, or returns the existing pair when `dedupeKey` was already used. */
    async create(
      input: CreateOutboundCallInput,
    ): Promise<{ outbound: OutboundCallRow; call: CallRow; created: boolean }> {
      return ex.transaction(async (tx) => {
        if (input.dedupeKey !== undefined) {
          const [existing] = await tx
            .select()
            .from(outboundCalls)
            .where(
              and(eq(outboundCalls.businessId, businessId), eq(outboundCalls.dedupeKey, input.dedupeKey)),
            )
            .limit(1);
          if (existing) {
            const [call] = await tx.select().from(calls).where(eq(calls.id, existing.callId)).limit(1);
            return { outbound: existing, call: call!, created: false };
          }
        }
        const [call] = await tx
          .insert(calls)
          .values({
            businessId,
            channel: 'phone',
            direction: 'outbound',
            fromNumber: input.fromNumber,
            toNumber: input.toNumber,
            engine: input.engine,
            status: 'queued',
            startedAt: nowMs(),
          })
          .returning();
        const [outbound] = await tx
          .insert(outboundCalls)
          .values({
            businessId,
            callId: call!.id,
            purpose: input.purpose,
            toNumber: input.toNumber,
            fromNumber: input.fromNumber,
            appointmentId: input.appointmentId ?? null,
            appointmentStartAt: input.appointmentStartAt ?? null,
            messageId: input.messageId ?? null,
            note: input.note ?? null,
            nextAttemptAt: input.nextAttemptAt,
            dedupeKey: input.dedupeKey ?? null,
          })
          .returning();
        return { outbound: outbound!, call: call!, created: true };
      });
    },

    async get(id: string): Promise<OutboundCallRow | undefined> {
      const [row] = await ex.select().from(outboundCalls).where(ownCall(id)).limit(1);
      return row;
    },

    async getByCallId(callId: string): Promise<OutboundCallRow | undefined> {
      const [row] = await ex
        .select()
        .from(outboundCalls)
        .where(and(eq(outboundCalls.businessId, businessId), eq(outboundCalls.callId, callId)))
        .limit(1);
      return row;
    },

    async update(id: string, patch: OutboundCallPatch): Promise<OutboundCallRow> {
      const [row] = await ex.update(outboundCalls).set(patch).where(ownCall(id)).returning();
      if (row === undefined) throw new NotFoundError('outbound call', id);
      return row;
    },

    /** Moves an outbound request from one status to another; undefined when it was not in `from`. */
    async transition(
      id: string,
      from: readonly OutboundStatus[],
      patch: OutboundCallPatch,
    ): Promise<OutboundCallRow | undefined> {
      const [row] = await ex
        .update(outboundCalls)
        .set(patch)
        .where(and(ownCall(id), inArray(outboundCalls.status, [...from])))
        .returning();
      return row;
    },

    /** Sets the call-log row's status and CallSid while it is not answered yet (queued ⇄ ringing). */
    async setCallDialState(
      callId: string,
      patch: { status: 'queued' | 'ringing'; twilioCallSid: string | null },
    ) {
      await ex
        .update(calls)
        .set(patch)
        .where(
          and(
            eq(calls.id, callId),
            eq(calls.businessId, businessId),
            inArray(calls.status, ['queued', 'ringing']),
          ),
        );
    },

    /** Dial attempts handed to Twilio since `fromMs` (the per-business daily cap). */
    async countDialsSince(fromMs: number): Promise<number> {
      const [row] = await ex
        .select({ n: count() })
        .from(outboundCalls)
        .where(and(eq(outboundCalls.businessId, businessId), gte(outboundCalls.lastDialAt, fromMs)));
      return row?.n ?? 0;
    },

    async list(options: { limit?: number } = {}): Promise<OutboundCallRow[]> {
      return ex
        .select()
        .from(outboundCalls)
        .where(eq(outboundCalls.businessId, businessId))
        .orderBy(desc(outboundCalls.createdAt))
        .limit(Math.min(Math.max(1, options.limit ?? 50), 500));
    },

    // ── reminders ──────────────────────────────────────────────────────────────────────────────────────

    /** Records a reminder unless one with the same (appointment, start, channel) exists; true when new. */
    async scheduleReminder(input: {
      appointmentId: string;
      startAt: number;
      channel: ReminderChannel;
      runAt: number;
    }): Promise<{ reminder: AppointmentReminderRow; created: boolean }> {
      const [inserted] = await ex
        .insert(appointmentReminders)
        .values({ businessId, ...input })
        .onConflictDoNothing()
        .returning();
      if (inserted) return { reminder: inserted, created: true };
      const [existing] = await ex
        .select()
        .from(appointmentReminders)
        .where(
          and(
            eq(appointmentReminders.businessId, businessId),
            eq(appointmentReminders.appointmentId, input.appointmentId),
            eq(appointmentReminders.startAt, input.startAt),
            eq(appointmentReminders.channel, input.channel),
          ),
        )
        .limit(1);
      if (existing === undefined) throw new NotFoundError('reminder', input.appointmentId);
      return { reminder: existing, created: false };
    },

    async getReminder(id: string): Promise<AppointmentReminderRow | undefined> {
      const [row] = await ex
        .select()
        .from(appointmentReminders)
        .where(and(eq(appointmentReminders.id, id), eq(appointmentReminders.businessId, businessId)))
        .limit(1);
      return row;
    },

    /** Finishes a `scheduled` reminder (the claim: only one run can move it); undefined if already done. */
    async finishReminder(
      id: string,
      status: Exclude<ReminderStatus, 'scheduled'>,
      detail?: string,
    ): Promise<AppointmentReminderRow | undefined> {
      const [row] = await ex
        .update(appointmentReminders)
        .set({ status, detail: detail ?? null })
        .where(
          and(
            eq(appointmentReminders.id, id),
            eq(appointmentReminders.businessId, businessId),
            eq(appointmentReminders.status, 'scheduled'),
          ),
        )
        .returning();
      return row;
    },

    /** Reminders sent for these appointments, newest first (to match a reply to what it answers). */
    async sentRemindersFor(appointmentIds: readonly string[]): Promise<AppointmentReminderRow[]> {
      if (appointmentIds.length === 0) return [];
      return ex
        .select()
        .from(appointmentReminders)
        .where(
          and(
            eq(appointmentReminders.businessId, businessId),
            inArray(appointmentReminders.appointmentId, [...appointmentIds]),
            eq(appointmentReminders.status, 'sent'),
          ),
        )
        .orderBy(desc(appointmentReminders.runAt));
    },

    async setReminderReply(id: string, reply: string): Promise<void> {
      await ex
        .update(appointmentReminders)
        .set({ reply })
        .where(and(eq(appointmentReminders.id, id), eq(appointmentReminders.businessId, businessId)));
    },

    // ── do not contact ─────────────────────────────────────────────────────────────────────────────────

    async addDoNotContact(phoneNumber: string, reason?: string): Promise<void> {
      await ex
        .insert(doNotContact)
        .values({ businessId, phoneNumber, reason: reason ?? null })
        .onConflictDoNothing();
    },

    async removeDoNotContact(phoneNumber: string): Promise<void> {
      await ex
        .delete(doNotContact)
        .where(and(eq(doNotContact.businessId, businessId), eq(doNotContact.phoneNumber, phoneNumber)));
    },

    async listDoNotContact(): Promise<DoNotContactRow[]> {
      return ex
        .select()
        .from(doNotContact)
        .where(eq(doNotContact.businessId, businessId))
        .orderBy(desc(doNotContact.createdAt));
    },

    async isDoNotContact(phoneNumber: string): Promise<boolean> {
      const [row] = await ex
        .select({ id: doNotContact.id })
        .from(doNotContact)
        .where(and(eq(doNotContact.businessId, businessId), eq(doNotContact.phoneNumber, phoneNumber)))
        .limit(1);
      return row !== undefined;
    },

    // ── waitlist ───────────────────────────────────────────────────────────────────────────────────────

    async addToWaitlist(input: {
      customerId: string;
      phone: string;
      serviceId: string;
    }): Promise<WaitlistEntryRow> {
      const [row] = await ex
        .insert(waitlistEntries)
        .values({ businessId, ...input })
        .returning();
      return row!;
    },

    async waitlist(filters: { serviceId?: string; status?: WaitlistStatus; phone?: string } = {}) {
      const conditions = [eq(waitlistEntries.businessId, businessId)];
      if (filters.serviceId !== undefined) conditions.push(eq(waitlistEntries.serviceId, filters.serviceId));
      if (filters.status !== undefined) conditions.push(eq(waitlistEntries.status, filters.status));
      if (filters.phone !== undefined) conditions.push(eq(waitlistEntries.phone, filters.phone));
      return ex
        .select()
        .from(waitlistEntries)
        .where(and(...conditions))
        .orderBy(waitlistEntries.createdAt);
    },

    async updateWaitlistEntry(
      id: string,
      patch: Partial<Pick<WaitlistEntryRow, 'status' | 'offeredStartAt' | 'offeredAt' | 'appointmentId'>>,
    ): Promise<WaitlistEntryRow> {
      const [row] = await ex
        .update(waitlistEntries)
        .set(patch)
        .where(and(eq(waitlistEntries.id, id), eq(waitlistEntries.businessId, businessId)))
        .returning();
      if (row === undefined) throw new NotFoundError('waitlist entry', id);
      return row;
    },
  };
}

export type OutboundDal = ReturnType<typeof createOutboundDal>;
