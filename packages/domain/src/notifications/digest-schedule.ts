import { type Executor, forBusiness, type TenantDb } from '@receptionist/db';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { DomainError } from '../errors.ts';
import { enqueueJob } from '../jobs/enqueue.ts';
import { JOB_KINDS } from '../jobs/kinds.ts';

export const ScheduleDigestInput = z.object({
  /** Schedule the day after this local date (the digest handler passes the day it just sent). */
  after: z.iso.date().optional(),
});

/** When the digest of local `date` is due: `hour`:00 that day in the business's zone, as epoch ms. */
export function digestRunAtMs(timeZone: string, date: string, hour: number): number {
  return DateTime.fromISO(date, { zone: timeZone })
    .set({ hour, minute: 0, second: 0, millisecond: 0 })
    .toMillis();
}

/** The first local date whose digest hour is still ahead of `nowMs` (today, or tomorrow once it passed). */
export function nextDigestDate(timeZone: string, hour: number, nowMs: number): string {
  const today = DateTime.fromMillis(nowMs, { zone: timeZone }).toISODate()!;
  if (digestRunAtMs(timeZone, today, hour) > nowMs) return today;
  return DateTime.fromISO(today, { zone: timeZone }).plus({ days: 1 }).toISODate()!;
}

/**
 * Queues the daily digest job for the next business-day, once: the day is claimed in
 * `notification_digests` in the same transaction as the job, so a retried handler or a second save of
 * the settings queues nothing more. Returns the date, or undefined when that day was already queued.
 */
export async function scheduleDigest({
  ctx,
  input,
}: {
  ctx: { tenant: TenantDb; nowMs: number };
  input: z.input<typeof ScheduleDigestInput>;
}): Promise<{ date: string; runAt: number } | undefined> {
  const parsed = ScheduleDigestInput.parse(input);
  return ctx.tenant.transaction(async (tenant) => {
    const business = await tenant.business.get();
    if (business === undefined)
      throw new DomainError('business_not_found', 'That business no longer exists.');
    const settings = (await tenant.notifications.listSettings()).find((row) => row.userId === '');
    const hour = settings?.digestHour ?? 18;
    const date =
      parsed.after === undefined
        ? nextDigestDate(business.timeZone, hour, ctx.nowMs)
        : DateTime.fromISO(parsed.after, { zone: business.timeZone }).plus({ days: 1 }).toISODate()!;
    const runAt = digestRunAtMs(business.timeZone, date, hour);
    if (!(await tenant.notifications.claimDigestDay(date, runAt))) return undefined;
    await enqueueJob({
      ctx: { tenant, nowMs: ctx.nowMs },
      input: { kind: JOB_KINDS.notificationDigest, payload: { date }, runAt },
    });
    return { date, runAt };
  });
}

/** The worker's entry to scheduleDigest: it holds the database and the job's business id, not a tenant. */
export async function scheduleNextDigest({
  ctx,
  input,
}: {
  ctx: { db: Executor; nowMs: number };
  input: { businessId: string; after: string };
}): Promise<{ date: string; runAt: number } | undefined> {
  return scheduleDigest({
    ctx: { tenant: forBusiness(ctx.db, input.businessId), nowMs: ctx.nowMs },
    input: { after: input.after },
  });
}
