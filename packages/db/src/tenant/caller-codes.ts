import { and, count, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { type CallerVerificationCodeRow, callerVerificationCodes } from '../schema/index.ts';

/** One-time caller codes of this business (see the schema). */
export function createCallerCodesDal(ex: Executor, businessId: string) {
  const own = (id: string) =>
    and(eq(callerVerificationCodes.id, id), eq(callerVerificationCodes.businessId, businessId));
  const ofCall = (callId: string) =>
    and(eq(callerVerificationCodes.businessId, businessId), eq(callerVerificationCodes.callId, callId));
  return {
    async create(input: {
      callId: string;
      customerId: string;
      phone: string;
      expiresAt: number;
    }): Promise<CallerVerificationCodeRow> {
      const [row] = await ex
        .insert(callerVerificationCodes)
        .values({ businessId, ...input })
        .returning();
      return row!;
    },

    async get(id: string): Promise<CallerVerificationCodeRow | undefined> {
      const [row] = await ex.select().from(callerVerificationCodes).where(own(id)).limit(1);
      return row;
    },

    async countForCall(callId: string): Promise<number> {
      const [row] = await ex.select({ n: count() }).from(callerVerificationCodes).where(ofCall(callId));
      return row?.n ?? 0;
    },

    /** The newest code of the call that was sent and not yet verified. */
    async latestOpen(callId: string): Promise<CallerVerificationCodeRow | undefined> {
      const [row] = await ex
        .select()
        .from(callerVerificationCodes)
        .where(
          and(
            ofCall(callId),
            isNotNull(callerVerificationCodes.codeHash),
            isNull(callerVerificationCodes.verifiedAt),
          ),
        )
        .orderBy(desc(callerVerificationCodes.createdAt))
        .limit(1);
      return row;
    },

    /** A code of this call already verified: the caller proved who they are for the rest of the call. */
    async verified(callId: string): Promise<CallerVerificationCodeRow | undefined> {
      const [row] = await ex
        .select()
        .from(callerVerificationCodes)
        .where(and(ofCall(callId), isNotNull(callerVerificationCodes.verifiedAt)))
        .limit(1);
      return row;
    },

    async setHash(id: string, codeHash: string): Promise<void> {
      await ex.update(callerVerificationCodes).set({ codeHash }).where(own(id));
    },

    async markVerified(id: string, atMs: number): Promise<void> {
      await ex.update(callerVerificationCodes).set({ verifiedAt: atMs }).where(own(id));
    },
  };
}
