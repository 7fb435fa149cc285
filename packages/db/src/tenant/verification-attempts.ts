import { and, count, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { calls, toolCalls } from '../schema/index.ts';

/**
 * Failed attempts to prove who a caller is, counted from the call log itself: each is a `tool_calls` row
 * whose result carries one of the given codes. Nothing extra is written, so a rolled-back action cannot
 * lose a count, and the window survives restarts and spans every voice server on the database.
 */
export function createVerificationAttemptsDal(ex: Executor, businessId: string) {
  const failedWith = (codes: readonly string[]) =>
    and(
      eq(toolCalls.businessId, businessId),
      eq(toolCalls.status, 'failed'),
      inArray(sql<string>`json_extract(${toolCalls.result}, '$.code')`, [...codes]),
    );
  return {
    /** Failures on this call. */
    async countForCall(callId: string, codes: readonly string[]): Promise<number> {
      const [row] = await ex
        .select({ n: count() })
        .from(toolCalls)
        .where(and(failedWith(codes), eq(toolCalls.callId, callId)));
      return row?.n ?? 0;
    },

    /** Failures on calls from this number that started since `sinceMs` (the call's own clock). */
    async countForNumber(fromNumber: string, sinceMs: number, codes: readonly string[]): Promise<number> {
      const [row] = await ex
        .select({ n: count() })
        .from(toolCalls)
        .innerJoin(calls, and(eq(calls.id, toolCalls.callId), eq(calls.businessId, toolCalls.businessId)))
        .where(and(failedWith(codes), eq(calls.fromNumber, fromNumber), gte(calls.startedAt, sinceMs)));
      return row?.n ?? 0;
    },
  };
}
