import { readEndedCall } from '@receptionist/domain';
import { PermanentJobError } from '../errors.ts';
import type { JobHandler } from './registry.ts';

/**
 * `call.ended`: the start of a call's post-call work. For now it only checks the call exists and logs what
 * the cold path will work from; summaries, usage and notifications come with the cold-path issue. It writes
 * nothing, so running it again is harmless.
 */
export const handleCallEnded: JobHandler<'call.ended'> = async ({ job, payload, db, logger }) => {
  const call = await readEndedCall({
    ctx: { db },
    input: { businessId: job.businessId, callId: payload.callId },
  });
  if (call === undefined) {
    throw new PermanentJobError(`call ${payload.callId} no longer exists in business ${job.businessId}`);
  }
  logger.info(
    { jobId: job.id, businessId: job.businessId, call },
    'call ended: nothing more to do yet (post-call summary and usage are not built)',
  );
};
