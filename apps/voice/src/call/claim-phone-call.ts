import { setTimeout as sleep } from 'node:timers/promises';
import { type Database, ringingCallOf } from '../db-reads/index.ts';
import { CallRefusedError } from './call-refused.ts';
import type { CallStarts } from './call-starts.ts';
import type { TokenClaims } from './token-claims.ts';

/** A call row another server's webhook is still writing shows up within this long, or the call is refused. */
const ROW_WAIT_MS = 5_000;
const ROW_POLL_MS = 25;

/**
 * Claims a phone call's stream in the database while its audio is already flowing into the relay's
 * buffer: the token's single use (atomic, so it holds across voice servers sharing the database), then
 * the call row, which must still be ringing. Throws `CallRefusedError` if either fails; the session then
 * drops the stream.
 */
export async function claimPhoneCall(
  deps: { db: Database; callStarts: CallStarts; tokenClaims: TokenClaims },
  claims: { tokenId: string; expiresAtMs: number; businessId: string; callId: string },
): Promise<{ callerNumber: string | undefined; direction: 'inbound' | 'outbound' }> {
  if (!(await deps.tokenClaims.claim(claims.tokenId, claims.expiresAtMs))) {
    throw new CallRefusedError('stream token already used');
  }
  await deps.callStarts.forCallId(claims.callId);
  const deadline = performance.now() + ROW_WAIT_MS;
  for (;;) {
    const row = await ringingCallOf(deps.db, claims.businessId, claims.callId);
    if (row !== undefined) {
      if (!row.ringing) throw new CallRefusedError('the call was already answered or has ended');
      return { callerNumber: row.callerNumber, direction: row.direction };
    }
    if (performance.now() >= deadline) throw new CallRefusedError('no such call');
    await sleep(ROW_POLL_MS);
  }
}
