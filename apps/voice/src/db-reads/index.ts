/**
 * The only voice-server module that imports `@receptionist/db`: read-only lookups that route a call before
 * any business verb runs (who owns a number, which call a Twilio SID is, who is calling), the single-use
 * claim of a stream token, and the readiness ping. Every write to the call log goes through the domain's
 * call verbs (`@receptionist/domain`), never through here.
 */
import {
  claimStreamToken,
  type Database,
  findBusinessByPhoneNumber,
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

/** The call a Twilio call SID belongs to, with whether it has ended already. */
export async function findCallBySid(
  db: Database,
  callSid: string,
): Promise<{ id: string; businessId: string; ended: boolean } | undefined> {
  const call = await findCallByTwilioSid(db, callSid);
  return call ? { id: call.id, businessId: call.businessId, ended: call.endedAt !== null } : undefined;
}

/** Caller ID recorded when the call rang, if any. */
export async function callerNumberOf(
  db: Database,
  businessId: string,
  callId: string,
): Promise<string | undefined> {
  const row = await forBusiness(db, businessId).calls.get(callId);
  return row?.fromNumber ?? undefined;
}

/**
 * Whether the call's log already has this line (same role, text and times): an outbox entry replayed
 * after a crash may have landed just before the crash.
 */
export async function callHasTurn(
  db: Database,
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
