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

/** The call a Twilio call SID belongs to, with whether it has ended already. */
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
