import { calls } from '@receptionist/db';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '../db.ts';

/**
 * A call counts as live while a voice server reports it (its heartbeat every 10 s); the voice server's
 * sweep closes one unseen for 35 s (apps/voice/src/call-liveness.ts), so the page hides it from then.
 */
export const LIVE_CALL_UNSEEN_AFTER_MS = 35_000;

export interface LiveCallListItem {
  id: string;
  channel: 'phone' | 'browser';
  direction: 'inbound' | 'outbound';
  fromNumber: string | null;
  engine: string;
  startedAt: number;
  /** The voice server carrying the call; null until its first report (then the configured VOICE_URL). */
  voiceServerUrl: string | null;
}

const columns = {
  id: calls.id,
  channel: calls.channel,
  direction: calls.direction,
  fromNumber: calls.fromNumber,
  engine: calls.engine,
  startedAt: calls.startedAt,
  voiceServerUrl: calls.voiceServerUrl,
};

function liveNow(businessId: string, nowMs: number) {
  return and(
    eq(calls.businessId, businessId),
    eq(calls.status, 'in_progress'),
    isNull(calls.endedAt),
    sql`max(coalesce(${calls.lastSeenAt}, 0), ${calls.startedAt}) >= ${nowMs - LIVE_CALL_UNSEEN_AFTER_MS}`,
  );
}

/** The business's calls in progress on any voice server sharing the database, newest first. */
export async function listLiveCalls(
  db: Database,
  businessId: string,
  nowMs: number,
): Promise<LiveCallListItem[]> {
  // The partial index on open calls keeps this small however many ended calls the business has.
  return db
    .select(columns)
    .from(calls)
    .where(liveNow(businessId, nowMs))
    .orderBy(desc(calls.startedAt))
    .limit(50);
}

/** One live call of the business (undefined when it is another's, ended or unknown). */
export async function findLiveCall(
  db: Database,
  businessId: string,
  callId: string,
  nowMs: number,
): Promise<LiveCallListItem | undefined> {
  const rows = await db
    .select(columns)
    .from(calls)
    .where(and(eq(calls.id, callId), liveNow(businessId, nowMs)))
    .limit(1);
  return rows[0];
}
