import { timingSafeEqual } from 'node:crypto';
import { type Executor, findCalendarSourceByChannel, forBusiness } from '@receptionist/db';
import type { TenantContext } from '../context.ts';
import { enqueueJob } from '../jobs/enqueue.ts';
import { JOB_KINDS } from '../jobs/kinds.ts';

/** Queues a sync of one calendar (now, or at `runAt` for the next scheduled one). */
export async function requestCalendarSync({
  ctx,
  input,
}: {
  ctx: TenantContext & { nowMs: number };
  input: { sourceId: string; reason: 'schedule' | 'push' | 'connect'; runAt?: number | undefined };
}): Promise<void> {
  await enqueueJob({
    ctx: { tenant: ctx.tenant, nowMs: ctx.nowMs },
    input: {
      kind: JOB_KINDS.calendarSync,
      payload: { sourceId: input.sourceId, reason: input.reason },
      runAt: input.runAt,
    },
  });
}

/** Starts the scheduled sync of every calendar of a new connection. */
export async function startCalendarSyncs({
  ctx,
  input,
}: {
  ctx: TenantContext & { nowMs: number };
  input: { connectionId: string };
}): Promise<void> {
  for (const source of await ctx.tenant.calendar.listSources(input.connectionId)) {
    await requestCalendarSync({ ctx, input: { sourceId: source.id, reason: 'schedule' } });
  }
}

/**
 * A push notification from Google (`X-Goog-Channel-ID`, `X-Goog-Channel-Token`, `X-Goog-Resource-State`):
 * a change happened, so sync that calendar now. Unknown channels and wrong tokens are refused (the
 * route answers 404 so Google stops the channel); the initial `sync` message needs no work.
 */
export async function acceptCalendarPush({
  ctx,
  input,
}: {
  ctx: { db: Executor; nowMs: number };
  input: { channelId: string; channelToken: string; resourceState: string };
}): Promise<'queued' | 'ignored' | 'unknown_channel'> {
  const source = await findCalendarSourceByChannel(ctx.db, input.channelId);
  if (source === undefined || source.channelToken === null) return 'unknown_channel';
  const expected = Buffer.from(source.channelToken);
  const given = Buffer.from(input.channelToken);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'unknown_channel';
  if (input.resourceState === 'sync') return 'ignored';
  await requestCalendarSync({
    ctx: { tenant: forBusiness(ctx.db, source.businessId), nowMs: ctx.nowMs },
    input: { sourceId: source.id, reason: 'push' },
  });
  return 'queued';
}
