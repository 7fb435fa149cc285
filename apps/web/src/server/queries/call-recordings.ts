import { callRecordings } from '@receptionist/db';
import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../db.ts';

/** A call's recording while it is kept (not yet deleted after the retention period). */
export async function findCallRecording(
  db: Database,
  businessId: string,
  callId: string,
): Promise<{ audioPath: string; durationMs: number; expiresAt: number } | undefined> {
  const [row] = await db
    .select({
      audioPath: callRecordings.audioPath,
      durationMs: callRecordings.durationMs,
      expiresAt: callRecordings.expiresAt,
    })
    .from(callRecordings)
    .where(
      and(
        eq(callRecordings.businessId, businessId),
        eq(callRecordings.callId, callId),
        isNull(callRecordings.deletedAt),
      ),
    )
    .limit(1);
  return row;
}
