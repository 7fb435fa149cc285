import { and, asc, eq, like, or, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { NotFoundError } from '../errors.ts';
import { nowMs } from '../ids.ts';
import { type CustomerRow, customers } from '../schema/index.ts';

/** Customers by phone number. Phone numbers are E.164; the receptionist package normalises them first. */
export function createCustomersDal(ex: Executor, businessId: string) {
  const own = (customerId: string) => and(eq(customers.id, customerId), eq(customers.businessId, businessId));

  return {
    async get(customerId: string): Promise<CustomerRow | undefined> {
      const [row] = await ex.select().from(customers).where(own(customerId)).limit(1);
      return row;
    },

    async findByPhone(e164: string): Promise<CustomerRow | undefined> {
      const [row] = await ex
        .select()
        .from(customers)
        .where(and(eq(customers.businessId, businessId), eq(customers.phone, e164)))
        .limit(1);
      return row;
    },

    /**
     * Finds the customer with this number or creates one. A given name fills in or replaces the stored
     * one; a missing name never erases it. Atomic (one upsert), so two calls cannot create two rows.
     */
    async upsertByPhone(input: {
      phone: string;
      name?: string | undefined;
      /** Only fill in a missing name, never replace one (the number was not proven to be the speaker's). */
      keepExistingName?: boolean | undefined;
    }): Promise<CustomerRow> {
      const name = input.name ?? null;
      const merged = input.keepExistingName
        ? sql`coalesce(${customers.name}, excluded.name)`
        : sql`coalesce(excluded.name, ${customers.name})`;
      const [row] = await ex
        .insert(customers)
        .values({ businessId, phone: input.phone, name })
        .onConflictDoUpdate({
          target: [customers.businessId, customers.phone],
          set: { name: merged, updatedAt: nowMs() },
        })
        .returning();
      return row!;
    },

    async update(
      customerId: string,
      patch: { name?: string | null; notes?: string | null },
    ): Promise<CustomerRow> {
      const [row] = await ex.update(customers).set(patch).where(own(customerId)).returning();
      if (row === undefined) throw new NotFoundError('customer', customerId);
      return row;
    },

    /** Alphabetical; `search` matches name or phone. */
    async list(options: { search?: string; limit?: number } = {}): Promise<CustomerRow[]> {
      const search = options.search?.trim();
      const where =
        search === undefined || search === ''
          ? eq(customers.businessId, businessId)
          : and(
              eq(customers.businessId, businessId),
              or(like(customers.name, `%${search}%`), like(customers.phone, `%${search}%`)),
            );
      return ex
        .select()
        .from(customers)
        .where(where)
        .orderBy(asc(customers.name), asc(customers.phone))
        .limit(Math.min(Math.max(1, options.limit ?? 100), 500));
    },
  };
}

export type CustomersDal = ReturnType<typeof createCustomersDal>;
