import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { NotFoundError } from '../errors.ts';
import {
  type AppointmentReminderRow,
  appointmentReminders,
  type ReminderChannel,
  type ReminderStatus,
} from '../schema/index.ts';

/** Appointment reminders: one row per (appointment, start, channel), the key that makes them idempotent. */
export function createReminderDal(ex: Executor, businessId: string) {
  return {
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
  };
}
