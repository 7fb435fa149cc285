import type { TenantDb } from '@receptionist/db';
import { z } from 'zod';
import { DomainError } from '../errors.ts';
import { recordBusinessEvent } from '../events/record.ts';
import { enqueueJob } from '../jobs/enqueue.ts';
import { JOB_KINDS } from '../jobs/kinds.ts';
import { billableSecondsOf, minutesOf, USAGE_WARNING_PERCENTS } from './plans.ts';
import { type BillingState, loadBillingState, periodRangeOf } from './state.ts';

export const RecordCallUsageInput = z.object({ callId: z.string().trim().min(1).max(100) });
export type RecordCallUsageInput = z.input<typeof RecordCallUsageInput>;

/** How long the worker waits before sending usage to Polar, so one request carries a batch of calls. */
export const METER_BATCH_DELAY_MS = 30_000;

export interface RecordedCallUsage {
  /** False when the call's usage was already recorded: nothing changed. */
  recorded: boolean;
  billableSeconds: number;
  /** The warnings this call crossed (80, 100), each sent once per period. */
  warnings: number[];
}

/**
 * Records one ended call's billable seconds (see `billableSecondsOf` for the rounding rule), once: the row
 * is keyed by the call id, so the `call.ended` job may run again without counting it twice. In the same
 * transaction it queues the Polar meter batch and, when the call carried the period past 80 % or 100 % of
 * the plan's minutes, the owner's warning (once per period each).
 */
export async function recordCallUsage({
  ctx,
  input,
}: {
  ctx: { tenant: TenantDb; nowMs: number };
  input: RecordCallUsageInput;
}): Promise<RecordedCallUsage> {
  const parsed = RecordCallUsageInput.parse(input);
  return ctx.tenant.transaction(async (tenant) => {
    const call = await tenant.calls.get(parsed.callId);
    if (call === undefined) throw new DomainError('call_not_found', `Call ${parsed.callId} was not found.`);
    if (call.endedAt === null) {
      throw new DomainError('call_not_ended', 'A call is billed once it has ended.');
    }
    const billableSeconds = billableSecondsOf(call);
    const state = await loadBillingState(tenant);
    // Only a paid subscription's calls go to Polar's meter; trial minutes are free.
    const metered = state.subscribed && billableSeconds > 0;
    const recorded = await tenant.billing.recordUsage({
      callId: call.id,
      startedAt: call.startedAt,
      billableSeconds,
      metered,
    });
    if (!recorded) return { recorded: false, billableSeconds, warnings: [] };
    const jobs = { tenant, nowMs: ctx.nowMs };
    // One batch at a time: a queued meter job sends every pending call when it runs, this one included.
    if (metered && !(await tenant.billing.hasQueuedJob(JOB_KINDS.billingMeter))) {
      await enqueueJob({
        ctx: jobs,
        input: { kind: JOB_KINDS.billingMeter, payload: {}, runAt: ctx.nowMs + METER_BATCH_DELAY_MS },
      });
    }
    const warnings = await warnOnThresholds(tenant, ctx.nowMs, state);
    return { recorded: true, billableSeconds, warnings };
  });
}

/** Sends the 80 % / 100 % warnings the period's usage has reached and that were not sent yet. */
async function warnOnThresholds(tenant: TenantDb, nowMs: number, state: BillingState): Promise<number[]> {
  if (state.includedMinutes === 0) return [];
  const { billableSeconds } = await tenant.billing.totals(periodRangeOf(state));
  const account = await tenant.billing.getAccount();
  const periodKey = state.periodStartMs;
  const usedPercent = (billableSeconds / (state.includedMinutes * 60)) * 100;
  const reached = USAGE_WARNING_PERCENTS.filter((percent) => usedPercent >= percent);
  const top = reached.at(-1);
  if (top === undefined) return [];
  const alreadyWarned = top === 100 ? account?.warned100PeriodStart : account?.warned80PeriodStart;
  if (alreadyWarned === periodKey) return [];
  // One email for the highest threshold crossed: a call that jumps past both only says "100 %".
  await tenant.billing.upsertAccount(
    top === 100
      ? { warned80PeriodStart: periodKey, warned100PeriodStart: periodKey }
      : { warned80PeriodStart: periodKey },
  );
  await recordBusinessEvent({
    ctx: { tenant, nowMs },
    input: {
      type: 'usage.threshold_reached',
      data: {
        percent: top,
        plan: state.plan,
        minutesUsed: minutesOf(billableSeconds),
        includedMinutes: state.includedMinutes,
        overageBehaviour: state.overageBehaviour,
        subscribed: state.subscribed,
        periodStart: new Date(state.periodStartMs).toISOString(),
        periodEnd: state.periodEndMs === null ? null : new Date(state.periodEndMs).toISOString(),
      },
    },
  });
  return [top];
}
