import { type Executor, forBusiness, type VoicemailRow } from '@receptionist/db';

/**
 * Reads the voicemail a `voicemail.received` job is about, scoped to the job's business. Undefined when it
 * is gone (deleted with its business or message), which no retry can fix.
 */
export async function readVoicemail({
  ctx,
  input,
}: {
  ctx: { db: Executor };
  input: { businessId: string; voicemailId: string };
}): Promise<VoicemailRow | undefined> {
  return forBusiness(ctx.db, input.businessId).voicemails.get(input.voicemailId);
}
