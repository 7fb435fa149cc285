import { BillingProviderError, type PolarBilling } from '@receptionist/billing';
import { listUnmeteredUsage, markUsageMetered } from '@receptionist/domain';
import { PermanentJobError } from '../errors.ts';
import type { JobHandler } from './registry.ts';

/**
 * `billing.meter`: sends the business's calls Polar has not accepted yet as one batch of meter events.
 * A call is marked only after Polar answered, and each event carries the call id as Polar's `external_id`,
 * so a failure (Polar down, 429) is retried with the job's backoff and never loses or doubles a call. A
 * job that runs out of attempts leaves its calls unmarked: the next call's job sends them.
 * Without Polar configured nothing is sent and the calls stay pending.
 */
export function billingMeterHandler(polar: PolarBilling | undefined): JobHandler<'billing.meter'> {
  return async ({ job, db, now, logger, signal }) => {
    if (polar === undefined) {
      logger.info({ jobId: job.id }, 'billing is off (POLAR_ACCESS_TOKEN unset): usage stays unmetered');
      return;
    }
    const pending = await listUnmeteredUsage({ ctx: { db }, input: { businessId: job.businessId } });
    if (pending.length === 0) return;
    let result: { inserted: number; duplicates: number };
    try {
      result = await polar.ingestUsage(pending.map((usage) => ({ businessId: job.businessId, ...usage })));
    } catch (error) {
      if (error instanceof BillingProviderError && !error.retryable) {
        throw new PermanentJobError(`Polar refused the meter events: ${error.message}`, { cause: error });
      }
      throw error;
    }
    if (signal.aborted) throw new Error('billing.meter job lost its lease after Polar answered');
    await markUsageMetered({
      ctx: { db, nowMs: now() },
      input: { businessId: job.businessId, callIds: pending.map((usage) => usage.callId) },
    });
    logger.info({ jobId: job.id, calls: pending.length, ...result }, 'usage sent to Polar');
  };
}
