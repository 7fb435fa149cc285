import { issueCallerCode, tenantContext } from '@receptionist/domain';
import { PermanentJobError } from '../errors.ts';
import type { SmsSender } from '../notifications/twilio-sms.ts';
import type { JobHandler } from './registry.ts';

/**
 * `caller_code.send`: makes a caller's one-time code (only its hash is stored) and texts it to the number
 * on file, from the business's own number. A code that expired or was used meanwhile is not sent.
 */
export function callerCodeSendHandler(sms: SmsSender | undefined): JobHandler<'caller_code.send'> {
  return async ({ job, payload, db, now, logger }) => {
    if (sms === undefined) throw new PermanentJobError('no SMS sender configured (TWILIO_* settings)');
    const ctx = { ...tenantContext(db, job.businessId, { kind: 'system' }), nowMs: now() };
    const text = await issueCallerCode({ ctx, input: { codeId: payload.codeId } });
    if (text === undefined) {
      logger.info({ jobId: job.id, codeId: payload.codeId }, 'caller code no longer needed');
      return;
    }
    if (text.from === undefined) throw new PermanentJobError('the business has no number to text from');
    const sent = await sms.send({ from: text.from, to: text.to, body: text.body });
    logger.info({ jobId: job.id, codeId: payload.codeId, messageSid: sent.sid }, 'caller code sent');
  };
}
