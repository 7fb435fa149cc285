import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { ConflictError, isUniqueViolation, NotFoundError } from '../errors.ts';
import { type PhoneNumberRow, phoneNumbers } from '../schema/index.ts';

/** The numbers this business answers on (E.164, normalised by the caller). */
export function createPhoneNumbersDal(ex: Executor, businessId: string) {
  return {
    async list(): Promise<PhoneNumberRow[]> {
      return ex
        .select()
        .from(phoneNumbers)
        .where(eq(phoneNumbers.businessId, businessId))
        .orderBy(asc(phoneNumbers.e164));
    },

    /** Maps a number to this business. Mapping it again is a no-op; a number owned elsewhere conflicts. */
    async add(
      e164: string,
      label?: string,
      ownershipProof?: PhoneNumberRow['ownershipProof'],
    ): Promise<PhoneNumberRow> {
      try {
        const [row] = await ex
          .insert(phoneNumbers)
          .values({ businessId, e164, label: label ?? null, ownershipProof: ownershipProof ?? null })
          .onConflictDoNothing()
          .returning();
        if (row !== undefined) return row;
      } catch (error) {
        if (isUniqueViolation(error)) throw new ConflictError('that phone number is already mapped', error);
        throw error;
      }
      const [existing] = await ex.select().from(phoneNumbers).where(eq(phoneNumbers.e164, e164)).limit(1);
      if (existing === undefined || existing.businessId !== businessId) {
        throw new ConflictError('that phone number belongs to another business');
      }
      return existing;
    },

    async remove(phoneNumberId: string): Promise<void> {
      const removed = await ex
        .delete(phoneNumbers)
        .where(and(eq(phoneNumbers.id, phoneNumberId), eq(phoneNumbers.businessId, businessId)))
        .returning({ id: phoneNumbers.id });
      if (removed.length === 0) throw new NotFoundError('phone number', phoneNumberId);
    },
  };
}

export type PhoneNumbersDal = ReturnType<typeof createPhoneNumbersDal>;
