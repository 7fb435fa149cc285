import { eq } from 'drizzle-orm';
import type { Executor } from './client.ts';
import { type CallRow, calls } from './schema/index.ts';

/**
 * The call a signed Twilio callback of an outbound call names (`?callId=` in the URL we gave Twilio): it
 * finds the tenant before anything else runs. Signature checks happen before this is called.
 */
export async function findCallById(ex: Executor, callId: string): Promise<CallRow | undefined> {
  const [row] = await ex.select().from(calls).where(eq(calls.id, callId)).limit(1);
  return row;
}
