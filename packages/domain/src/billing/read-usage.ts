import type { TenantDb } from '@receptionist/db';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { DomainError } from '../errors.ts';
import { minutesOf } from './plans.ts';
import { type BillingState, loadBillingState, periodRangeOf } from './state.ts';

/** `from` / `to`: an ISO date (`2026-12-01`, midnight in the business's zone) or an ISO date-time. */
const Bound = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

export const ReadUsageInput = z
  .object({ from: Bound.optional(), to: Bound.optional() })
  .refine((input) => (input.from === undefined) === (input.to === undefined), {
    message: 'from and to go together',
  });
export type ReadUsageInput = z.input<typeof ReadUsageInput>;

/** Longest window one request may ask for (a chart bar per day). */
const MAX_RANGE_DAYS = 400;
/** Days charted for the default window. */
const DEFAULT_CHART_DAYS = 62;

export interface UsageReport {
  calls: number;
  billableSeconds: number;
  /** The window's billable seconds in whole minutes, rounded up. */
  minutes: number;
  plan: BillingState['plan'];
  status: BillingState['status'];
  includedMinutes: number;
  overageBehaviour: BillingState['overageBehaviour'];
  /** The current billing period (ISO); `periodEnd` is null on the trial, whose allowance does not expire. */
  periodStart: string;
  periodEnd: string | null;
  /** The window reported: the current period unless `from`/`to` were given (ISO). */
  from: string;
  to: string;
  /** Billable seconds per local day of the window, for the chart. */
  days: Array<{ date: string; calls: number; billableSeconds: number }>;
}

function boundMs(value: string, zone: string): number {
  const parsed = value.length === 10 ? DateTime.fromISO(value, { zone }) : DateTime.fromISO(value);
  return parsed.toMillis();
}

/**
 * The business's usage over a window (default: the current billing period up to now) with its plan, for
 * the billing page and `GET /api/v1/usage`. Works whether or not Polar is configured.
 */
export async function readUsage({
  ctx,
  input,
}: {
  ctx: { tenant: TenantDb; nowMs: number };
  input: ReadUsageInput;
}): Promise<UsageReport> {
  const parsed = ReadUsageInput.safeParse(input);
  if (!parsed.success) {
    throw new DomainError('invalid_input', `Invalid usage window: ${parsed.error.issues[0]?.message ?? ''}`);
  }
  const business = await ctx.tenant.business.get();
  if (business === undefined) throw new DomainError('business_not_found', 'This business no longer exists.');
  const state = await loadBillingState(ctx.tenant);
  const period = periodRangeOf(state);
  const explicit = parsed.data.from !== undefined && parsed.data.to !== undefined;
  let fromMs = period.fromMs;
  // The current period up to now (empty, not an error, if the clock reads earlier than the period's start).
  let toMs = Math.max(fromMs, Math.min(period.toMs, ctx.nowMs));
  if (parsed.data.from !== undefined && parsed.data.to !== undefined) {
    fromMs = boundMs(parsed.data.from, business.timeZone);
    toMs = boundMs(parsed.data.to, business.timeZone);
    if (!(toMs > fromMs))
      throw new DomainError('invalid_input', 'The usage window must end after it starts.');
    if (toMs - fromMs > MAX_RANGE_DAYS * 86_400_000) {
      throw new DomainError('invalid_input', `A usage window may span at most ${MAX_RANGE_DAYS} days.`);
    }
  }
  const rows = await ctx.tenant.billing.listUsage({ fromMs, toMs });
  const byDay = new Map<string, { calls: number; billableSeconds: number }>();
  // Every day of the window gets a bar, empty ones included, in the business's zone (a long trial's
  // default window charts its last DEFAULT_CHART_DAYS days; its totals still cover all of it).
  const chartFromMs = explicit ? fromMs : Math.max(fromMs, toMs - DEFAULT_CHART_DAYS * 86_400_000);
  for (
    let day = DateTime.fromMillis(chartFromMs, { zone: business.timeZone }).startOf('day');
    day.toMillis() < toMs;
    day = day.plus({ days: 1 })
  ) {
    byDay.set(day.toISODate() ?? '', { calls: 0, billableSeconds: 0 });
  }
  let billableSeconds = 0;
  for (const row of rows) {
    billableSeconds += row.billableSeconds;
    const date = DateTime.fromMillis(row.startedAt, { zone: business.timeZone }).toISODate() ?? '';
    const day = byDay.get(date);
    if (day === undefined) continue; // before the charted days
    day.calls += 1;
    day.billableSeconds += row.billableSeconds;
  }
  return {
    calls: rows.length,
    billableSeconds,
    minutes: minutesOf(billableSeconds),
    plan: state.plan,
    status: state.status,
    includedMinutes: state.includedMinutes,
    overageBehaviour: state.overageBehaviour,
    periodStart: new Date(state.periodStartMs).toISOString(),
    periodEnd: state.periodEndMs === null ? null : new Date(state.periodEndMs).toISOString(),
    from: new Date(fromMs).toISOString(),
    to: new Date(toMs).toISOString(),
    days: [...byDay.entries()].map(([date, day]) => ({ date, ...day })),
  };
}
