import {
  beginOutboundDial,
  closeOutbound,
  type JobPayload,
  loadDomainContext,
  recordDialOutcome,
} from '@receptionist/domain';
import { PermanentJobError } from '../errors.ts';
import type { JobHandler } from '../handlers/registry.ts';
import type { CallPlacer } from './twilio-calls.ts';

/**
 * `outbound.dial`: one attempt of an outbound call. The domain decides (rules, quiet hours, cap) and
 * claims the attempt before Twilio is asked, so a retried or duplicated job cannot dial twice; Twilio's
 * answer is recorded (CallSid, a refusal, or a retry per the business's policy).
 */
export function outboundDialHandler(placer: CallPlacer | undefined): JobHandler<'outbound.dial'> {
  return async ({ job, payload, db, now, logger }) => {
    const ctx = await loadDomainContext(db, job.businessId, { actor: { kind: 'system' }, nowMs: now() });
    if (placer === undefined) {
      // The call can never be placed by this install: close it (the log says why) and dead-letter the job.
      const outbound = await ctx.tenant.outbound.get(payload.outboundId);
      if (outbound?.status === 'queued') {
        await ctx.tenant.transaction((tenant) =>
          closeOutbound({ tenant }, outbound, 'failed', 'not_configured'),
        );
      }
      throw new PermanentJobError('outbound calls need TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and PUBLIC_URL');
    }
    const decision = await beginOutboundDial({ ctx, input: payload as JobPayload<'outbound.dial'> });
    if (decision.kind !== 'dial') {
      logger.info(
        {
          outboundId: payload.outboundId,
          decision: decision.kind,
          ...('reason' in decision ? { reason: decision.reason } : {}),
        },
        'outbound dial not placed',
      );
      return;
    }
    const outcome = await placer.place({ callId: decision.callId, to: decision.to, from: decision.from });
    const after = await recordDialOutcome({
      ctx: { ...ctx, nowMs: now() },
      input: { outboundId: decision.outbound.id, outcome },
    });
    logger.info(
      {
        outboundId: decision.outbound.id,
        callId: decision.callId,
        outcome: outcome.kind,
        status: after?.status,
      },
      'outbound call attempt',
    );
  };
}
