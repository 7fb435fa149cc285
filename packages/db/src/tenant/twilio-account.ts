import { eq } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { type BusinessTwilioAccountRow, businessTwilioAccounts } from '../schema/index.ts';

export interface TwilioAccountInput {
  accountSid: string;
  username: string;
  secretSealed: string;
}

/** The tenant's own Twilio credentials (one set per business; saving again replaces them). */
export function createTwilioAccountDal(ex: Executor, businessId: string) {
  return {
    async get(): Promise<BusinessTwilioAccountRow | undefined> {
      const [row] = await ex
        .select()
        .from(businessTwilioAccounts)
        .where(eq(businessTwilioAccounts.businessId, businessId))
        .limit(1);
      return row;
    },

    async save(input: TwilioAccountInput): Promise<void> {
      await ex
        .insert(businessTwilioAccounts)
        .values({ businessId, ...input })
        .onConflictDoUpdate({ target: businessTwilioAccounts.businessId, set: { ...input } });
    },

    /** Forgets the credentials (disconnecting the account); a no-op when there are none. */
    async remove(): Promise<void> {
      await ex.delete(businessTwilioAccounts).where(eq(businessTwilioAccounts.businessId, businessId));
    },
  };
}

export type TwilioAccountDal = ReturnType<typeof createTwilioAccountDal>;
