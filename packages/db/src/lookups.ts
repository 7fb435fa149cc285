import { and, asc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Database, Executor } from './client.ts';
import { DbError } from './errors.ts';
import { nowMs } from './ids.ts';
import {
  type ApiKeyRow,
  apiKeys,
  type BusinessRow,
  businesses,
  type CallRow,
  calls,
  OPEN_CALL_STATUSES,
  phoneNumbers,
  streamTokens,
} from './schema/index.ts';

// Lookups made before a tenant is known: they find the tenant (by called number, call SID, API key) or
// act across tenants at start-up. Everything after that goes through forBusiness().

export interface CreateBusinessInput {
  /** Optional fixed id (the demo seed uses one); generated otherwise. */
  id?: string | undefined;
  name: string;
  timeZone: string;
  /** The validated profile JSON. */
  profile: unknown;
}

/** Creates a tenant. The receptionist package validates the profile and syncs its services. */
export async function createBusiness(ex: Executor, input: CreateBusinessInput): Promise<BusinessRow> {
  const [row] = await ex
    .insert(businesses)
    .values({
      ...(input.id === undefined ? {} : { id: input.id }),
      name: input.name,
      timeZone: input.timeZone,
      profile: input.profile,
    })
    .returning();
  return row!;
}

export async function getBusiness(ex: Executor, businessId: string): Promise<BusinessRow | undefined> {
  const [row] = await ex.select().from(businesses).where(eq(businesses.id, businessId)).limit(1);
  return row;
}

export async function listBusinesses(ex: Executor): Promise<BusinessRow[]> {
  return ex.select().from(businesses).orderBy(asc(businesses.name));
}

/** The tenant of a phone call: the business that owns the called number (`To`), never caller input. */
export async function findBusinessByPhoneNumber(
  ex: Executor,
  e164: string,
): Promise<BusinessRow | undefined> {
  const [row] = await ex
    .select({ business: businesses })
    .from(phoneNumbers)
    .innerJoin(businesses, eq(businesses.id, phoneNumbers.businessId))
    .where(eq(phoneNumbers.e164, e164))
    .limit(1);
  return row?.business;
}

/** Twilio call SIDs are globally unique, so the status callback can find its call (and tenant) by it. */
export async function findCallByTwilioSid(ex: Executor, twilioCallSid: string): Promise<CallRow | undefined> {
  const [row] = await ex.select().from(calls).where(eq(calls.twilioCallSid, twilioCallSid)).limit(1);
  return row;
}

/**
 * Closes calls a crash left open as `interrupted`, so the dashboard never shows a call that is live
 * forever. Returns the calls it closed.
 *
 * Without `unseenSince`, every open call (one voice server alone on its database). With it, only calls in
 * progress that no voice server has reported live (`touchLiveCalls`) since then, counting the start as a
 * report: servers sharing a database then never close each other's live calls. Ringing calls are left to
 * Twilio's status callback there, because a ringing call may be recording a voicemail on no server at all.
 */
export async function closeInterruptedCalls(
  ex: Executor,
  options: { endReason?: string; endedAt?: number; unseenSince?: number } = {},
): Promise<CallRow[]> {
  const endedAt = options.endedAt ?? nowMs();
  const open =
    options.unseenSince === undefined
      ? and(inArray(calls.status, [...OPEN_CALL_STATUSES]), isNull(calls.endedAt))
      : and(
          eq(calls.status, 'in_progress'),
          isNull(calls.endedAt),
          sql`max(coalesce(${calls.lastSeenAt}, 0), ${calls.startedAt}) < ${options.unseenSince}`,
        );
  return ex
    .update(calls)
    .set({
      status: 'interrupted',
      endReason: options.endReason ?? 'server_restart',
      endedAt,
      durationMs: sql`max(0, ${endedAt} - ${calls.startedAt})`,
    })
    .where(open)
    .returning();
}

/** A voice server's heartbeat: these calls are live on it at `seenAt`. Ended calls are left alone. */
export async function touchLiveCalls(
  ex: Executor,
  callIds: readonly string[],
  seenAt: number,
  /** The reporting server's public base URL, recorded so live views know where each call is carried. */
  voiceServerUrl?: string,
): Promise<number> {
  if (callIds.length === 0) return 0;
  const touched = await ex
    .update(calls)
    .set(voiceServerUrl === undefined ? { lastSeenAt: seenAt } : { lastSeenAt: seenAt, voiceServerUrl })
    .where(and(inArray(calls.id, [...callIds]), isNull(calls.endedAt)))
    .returning({ id: calls.id });
  return touched.length;
}

/**
 * Records the single use of a stream token or browser ticket. True for the first claim, false when the
 * token was already used (on this or any other voice server sharing the database).
 */
export async function claimStreamToken(ex: Executor, tokenId: string, expiresAt: number): Promise<boolean> {
  if (tokenId === '') throw new DbError('invalid_input', 'empty stream token id');
  const inserted = await ex
    .insert(streamTokens)
    .values({ id: tokenId, expiresAt, usedAt: nowMs() })
    .onConflictDoNothing()
    .returning({ id: streamTokens.id });
  return inserted.length === 1;
}

/**
 * Deletes use records of tokens that expired before `beforeMs`. Safe because an expired token fails its
 * signature check before its use is ever looked up.
 */
export async function purgeExpiredStreamTokens(ex: Executor, beforeMs = nowMs()): Promise<number> {
  const removed = await ex
    .delete(streamTokens)
    .where(lt(streamTokens.expiresAt, beforeMs))
    .returning({ id: streamTokens.id });
  return removed.length;
}

/** The API key with this SHA-256 hash, revoked or not (the caller decides what a revoked key means). */
export async function findApiKeyByHash(ex: Executor, hashedKey: string): Promise<ApiKeyRow | undefined> {
  const [row] = await ex.select().from(apiKeys).where(eq(apiKeys.hashedKey, hashedKey)).limit(1);
  return row;
}

export async function touchApiKey(ex: Executor, apiKeyId: string, atMs = nowMs()): Promise<void> {
  await ex.update(apiKeys).set({ lastUsedAt: atMs }).where(eq(apiKeys.id, apiKeyId));
}

/** Cheap readiness probe for `/readyz`. */
export async function pingDatabase(db: Database): Promise<void> {
  await db.$client.execute('SELECT 1');
}
