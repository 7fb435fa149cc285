import { eq } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { NotFoundError } from '../errors.ts';
import { type BusinessRow, businesses } from '../schema/index.ts';

export interface BusinessPatch {
  name?: string;
  timeZone?: string;
  /** The validated profile JSON (the receptionist package owns its shape). */
  profile?: unknown;
}

/** The tenant's own row. */
export function createBusinessDal(ex: Executor, businessId: string) {
  return {
    async get(): Promise<BusinessRow | undefined> {
      const [row] = await ex.select().from(businesses).where(eq(businesses.id, businessId)).limit(1);
      return row;
    },

    async update(patch: BusinessPatch): Promise<BusinessRow> {
      const [row] = await ex.update(businesses).set(patch).where(eq(businesses.id, businessId)).returning();
      if (row === undefined) throw new NotFoundError('business', businessId);
      return row;
    },
  };
}

export type BusinessDal = ReturnType<typeof createBusinessDal>;
