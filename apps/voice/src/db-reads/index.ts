/**
 * The only voice-server module that imports `@receptionist/db`: read-only lookups that route a call before
 * any business verb runs (who owns a number, which call a Twilio SID is, who is calling), the single-use
 * claim of a stream token, and the readiness ping. Every write to the call log goes through the domain's
 * call verbs (`@receptionist/domain`), never through here.
 */
import {
  claimStreamToken,
  type Database,
  type Executor,
  findBusinessByPhoneNumber,
  findCallById,
  findCallByTwilioSid,
  forBusiness,
  pingDatabase,
} from '@receptionist/db';

export type { Database };
export { claimStreamToken, pingDatabase };

/** The business owning a called number (E.164), or undefined. */
export async function findNumberOwner(
  db: Database,
  e164: string,
): Promise<{ businessId: string } | undefined> {
  const business = await findBusinessByPhoneNumber(db, e164);
  return business ? { businessId: business.id } : undefined;
}

/** The call a Twilio call SID belongs to, with its status and whether it has ended already. */
export async function findCallBySid(
  db: Database,
  callSid: string,
): Promise<{ id: string; businessId: string; ended: boolean; status: string } | undefined> {
  const call = await findCallByTwilioSid(db, callSid);
  return call
    ? { id: call.id, businessId: call.businessId, ended: call.endedAt !== null, status: call.status }
    : undefined;
}

/**
 * The other party's number: caller ID when the call rang in, the number we dialled when the receptionist
 * placed the call (the tools identify the person on the line by it either way).
 */
export async function callerNumberOf(
  db: Database,
  businessId: string,
  callId: string,
): Promise<string | undefined> {
  const row = await forBusiness(db, businessId).calls.get(callId);
  return (row?.direction === 'outbound' ? row.toNumber : row?.fromNumber) ?? undefined;
}

/** An outbound call named by the `callId` in a signed callback URL we gave Twilio, or undefined. */
export async function findOutboundCall(
  db: Database,
  callId: string,
): Promise<
  { id: string; businessId: string; ended: boolean; status: string; twilioCallSid: string | null } | undefined
> {
  const call = await findCallById(db, callId);
  if (call === undefined || call.direction !== 'outbound') return undefined;
  return {
    id: call.id,
    businessId: call.businessId,
    ended: call.endedAt !== null,
    status: call.status,
    twilioCallSid: call.twilioCallSid,
  };
}

/** The call row as the stream's claim needs it: still ringing, and who is calling. */
export async function ringingCallOf(
  db: Database,
  businessId: string,
  callId: string,
): Promise<
  { ringing: boolean; callerNumber: string | undefined; direction: 'inbound' | 'outbound' } | undefined
> {
  const row = await db.query.calls.findFirst({
    columns: { status: true, endedAt: true, fromNumber: true, toNumber: true, direction: true },
    where: (call, { and, eq }) => and(eq(call.id, callId), eq(call.businessId, businessId)),
  });
  if (row === undefined) return undefined;
  return {
    ringing: row.status === 'ringing' && row.endedAt === null,
    // The other party: caller ID when the call rang in, the number we dialled when we placed it.
    callerNumber: (row.direction === 'outbound' ? row.toNumber : row.fromNumber) ?? undefined,
    direction: row.direction === 'outbound' ? 'outbound' : 'inbound',
  };
}

/**
 * Whether the call's log already has this line (same role, text and times): an outbox entry replayed
 * after a crash may have landed just before the crash.
 */
export async function callHasTurn(
  db: Executor,
  businessId: string,
  callId: string,
  turn: { role: string; text: string; startedAtMs?: number | undefined; endedAtMs?: number | undefined },
): Promise<boolean> {
  const row = await forBusiness(db, businessId).calls.get(callId);
  return (row?.turns ?? []).some(
    (existing) =>
      existing.role === turn.role &&
      existing.text === turn.text &&
      (existing.startedAtMs ?? undefined) === turn.startedAtMs &&
      (existing.endedAtMs ?? undefined) === turn.endedAtMs,
  );
}

/**
 * A fingerprint of what the business directory caches (businesses and their profiles, phone numbers),
 * cheap enough to poll: any profile save bumps a business's `updated_at`, and adding or removing a number
 * changes the count or the sum. Changes made by any process show up here.
 */
export async function directoryVersion(db: Database): Promise<string> {
  const result = await db.$client.execute(
    `select (select count(*) || ':' || coalesce(sum(updated_at), 0) from businesses) || '|' ||
            (select count(*) || ':' || coalesce(sum(created_at), 0) || ':' || coalesce(sum(length(business_id || e164)), 0) from phone_numbers) as version`,
  );
  return String(result.rows[0]?.[0] ?? '');
}
