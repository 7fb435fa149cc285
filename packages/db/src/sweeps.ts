import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Executor } from './client.ts';
import { type CallRow, calls } from './schema/index.ts';

/**
 * Calls still `ringing` that started before `startedBefore`: their stream never connected (the token that
 * would open it has expired, so it never can). Ended as `failed` / `stream_never_connected`, not left ringing.
 */
export async function closeCallsNeverStreamed(
  ex: Executor,
  options: { startedBefore: number; endedAt: number },
): Promise<CallRow[]> {
  return ex
    .update(calls)
    .set({
      status: 'failed',
      endReason: 'stream_never_connected',
      endedAt: options.endedAt,
      durationMs: sql`max(0, ${options.endedAt} - ${calls.startedAt})`,
    })
    .where(
      and(eq(calls.status, 'ringing'), isNull(calls.endedAt), lt(calls.startedAt, options.startedBefore)),
    )
    .returning();
}
