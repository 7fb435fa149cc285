import { and, desc, eq } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { NotFoundError } from '../errors.ts';
import {
  type DoNotContactRow,
  doNotContact,
  type WaitlistEntryRow,
  type WaitlistStatus,
  waitlistEntries,
} from '../schema/index.ts';

/** The do-not-contact list and the waitlist of a business. */
export function createContactListsDal(ex: Executor, businessId: string) {
  return {
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
