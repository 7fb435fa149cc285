import { and, asc, eq, notInArray } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { type ServiceRow, services } from '../schema/index.ts';

export interface ServiceInput {
  id: string;
  name: string;
  durationMinutes: number;
  priceCents?: number | undefined;
  bufferMinutes?: number | undefined;
}

/** Bookable services, mirrored from the business profile. */
export function createServicesDal(ex: Executor, businessId: string) {
  return {
    async list(options: { includeInactive?: boolean } = {}): Promise<ServiceRow[]> {
      const where = options.includeInactive
        ? eq(services.businessId, businessId)
        : and(eq(services.businessId, businessId), eq(services.active, true));
      return ex.select().from(services).where(where).orderBy(asc(services.name));
    },

    async get(serviceId: string): Promise<ServiceRow | undefined> {
      const [row] = await ex
        .select()
        .from(services)
        .where(and(eq(services.businessId, businessId), eq(services.id, serviceId)))
        .limit(1);
      return row;
    },

    /**
     * Makes the table match the profile's list: upserts every given service and deactivates the rest
     * (past appointments still reference them). Run it in the same transaction as the profile save.
     */
    async sync(list: readonly ServiceInput[]): Promise<void> {
      for (const service of list) {
        const values = {
          name: service.name,
          durationMinutes: service.durationMinutes,
          priceCents: service.priceCents ?? null,
          bufferMinutes: service.bufferMinutes ?? 0,
          active: true,
        };
        await ex
          .insert(services)
          .values({ businessId, id: service.id, ...values })
          .onConflictDoUpdate({ target: [services.businessId, services.id], set: values });
      }
      const keep = list.map((service) => service.id);
      await ex
        .update(services)
        .set({ active: false })
        .where(
          keep.length === 0
            ? eq(services.businessId, businessId)
            : and(eq(services.businessId, businessId), notInArray(services.id, keep)),
        );
    },
  };
}

export type ServicesDal = ReturnType<typeof createServicesDal>;
