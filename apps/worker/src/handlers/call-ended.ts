import { readCallForAnalysis, recordCallUsage, saveCallAnalysis, tenantContext } from '@receptionist/domain';
import { type CallAnalyzer, deterministicAnalyzer } from '../analysis/analyzer.ts';
import { PermanentJobError } from '../errors.ts';
import type { JobHandler } from './registry.ts';

/**
 * `call.ended`: the call's billable usage (billing/record-call-usage.ts), then the post-call analysis. Reads the call's transcript and tool results, analyses them (a
 * model when configured, else deterministically) and stores summary, analysis, knowledge gaps and the
 * `call.analyzed` event in one transaction. A call already analysed is skipped, and the save itself
 * writes only once, so a rerun (a lost completion, a reclaimed lease) duplicates nothing.
 */
export function createCallEndedHandler(
  analyzer: CallAnalyzer = deterministicAnalyzer,
): JobHandler<'call.ended'> {
  return async ({ job, payload, db, now, logger, signal }) => {
    const call = await readCallForAnalysis({
      ctx: { db },
      input: { businessId: job.businessId, callId: payload.callId },
    });
    if (call === undefined) {
      throw new PermanentJobError(`call ${payload.callId} no longer exists in business ${job.businessId}`);
    }
    // Billing first: the usage row is keyed by the call, so a rerun of this job never counts it twice.
    const usage = await recordCallUsage({
      ctx: { ...tenantContext(db, job.businessId, { kind: 'system' }), nowMs: now() },
      input: { callId: payload.callId },
    });
    if (usage.recorded) {
      logger.info(
        {
          jobId: job.id,
          callId: payload.callId,
          billableSeconds: usage.billableSeconds,
          warnings: usage.warnings,
        },
        'call usage recorded',
      );
    }
    if (call.analysis !== undefined) {
      logger.info({ jobId: job.id, callId: payload.callId }, 'call already analysed');
      return;
    }
    const analysis = await analyzer(call.facts, { signal });
    // The lease went to another worker while the model answered: its result, not ours, counts.
    if (signal.aborted) throw new Error('call.ended job aborted before saving its analysis');
    const { saved } = await saveCallAnalysis({
      ctx: { db, nowMs: now() },
      input: { businessId: job.businessId, callId: payload.callId, analysis },
    });
    logger.info(
      {
        jobId: job.id,
        callId: payload.callId,
        saved,
        source: analysis.source,
        outcome: analysis.outcome,
        unkeptPromises: analysis.unkeptPromises.length,
        unansweredQuestions: analysis.unansweredQuestions.length,
      },
      'call analysed',
    );
  };
}

/** The handler without a model. */
export const handleCallEnded = createCallEndedHandler();
